using Renci.SshNet.Common;

namespace Converge.Core.Connections.Ssh.Wire;

internal sealed partial class WireClient
{
    /// <summary>
    /// RFC 4252: each key signs its request at once (no query round trip first: a session usually logs in with its
    /// first key), then the password if the server still takes one. The service request goes out with the first
    /// attempt, as OpenSSH reads them in order.
    /// </summary>
    private async Task AuthenticateAsync(WireCredentials credentials, CancellationToken ct)
    {
        await _transport.SendAsync(SshPayloadWriter.Message(WireMessages.ServiceRequest, 32).String("ssh-userauth"), ct);
        var accepted = false;
        string[] methods = ["publickey", "password"];
        foreach (var key in credentials.Keys)
        {
            if (!methods.Contains("publickey"))
            {
                break;
            }

            var signed = new SshPayloadWriter(512)
                .String(_transport.SessionId)
                .Byte(WireMessages.UserauthRequest)
                .String(credentials.User)
                .String("ssh-connection")
                .String("publickey")
                .Boolean(true)
                .String(key.Name)
                .String(key.Data);
            var signature = key.Sign(signed.Payload.ToArray());
            var request = SshPayloadWriter.Message(WireMessages.UserauthRequest, 1024)
                .String(credentials.User)
                .String("ssh-connection")
                .String("publickey")
                .Boolean(true)
                .String(key.Name)
                .String(key.Data)
                .String(signature);
            (var success, methods) = await AttemptAsync(request, accepted, ct);
            accepted = true;
            if (success)
            {
                return;
            }
        }

        if (credentials.Password is { } password && methods.Contains("password"))
        {
            var request = SshPayloadWriter.Message(WireMessages.UserauthRequest, 128)
                .String(credentials.User)
                .String("ssh-connection")
                .String("password")
                .Boolean(false)
                .String(password.Reveal());
            (var success, methods) = await AttemptAsync(request, accepted, ct);
            if (success)
            {
                return;
            }
        }

        // The words of ssh(1) and SSH.NET for the same failure.
        throw new SshAuthenticationException($"Permission denied ({string.Join(",", methods)}).");
    }

    private async Task<(bool Success, string[] Methods)> AttemptAsync(SshPayloadWriter request, bool serviceAccepted, CancellationToken ct)
    {
        await _transport.SendAsync(request, ct);
        while (true)
        {
            var reply = await _transport.ReceiveAsync(ct);
            var span = reply.Span;
            switch (span[0])
            {
                case WireMessages.ServiceAccept when !serviceAccepted:
                    serviceAccepted = true;
                    continue;
                case WireMessages.UserauthBanner or WireMessages.ExtInfo:
                    continue;
                case WireMessages.UserauthSuccess:
                    return (true, []);
                case WireMessages.UserauthFailure:
                    return (false, new SshPayloadReader(span[1..]).NameList());
                case WireMessages.UserauthPasswordChangeRequest:
                    throw new SshAuthenticationException("the password has expired and must be changed on the host first");
                default:
                    throw new WireProtocolException($"the server answered a login request with message {span[0]}");
            }
        }
    }
}
