using System.Security.Cryptography;
using System.Text;

namespace Converge.Core.Connections.Ssh.Wire;

internal sealed partial class WireTransport
{
    private WireHostKeyPolicy? _hostKeys;
    private byte[]? _hostKey;
    private bool _strict;

    private async Task HandshakeAsync(WireHostKeyPolicy hostKeys, CancellationToken ct)
    {
        _hostKeys = hostKeys;

        // RFC 4253 §7.1: key exchange begins at once, so the identification and KEXINIT go out together, before the
        // server's identification is read.
        var version = Encoding.ASCII.GetBytes(ClientVersion + "\r\n");
        await SendAllAsync(version, ct);
        var clientInit = ClientKexInit(hostKeys.Algorithms);
        await SendLockedAsync(clientInit.Writer, ct);
        ServerVersion = await ReadVersionAsync(ct);
        // RFC 4253 §11.2 lets IGNORE and DEBUG come at any time; strict key exchange, known only once the offer is read,
        // forbids them before it (ExchangeAsync checks that the offer was the first packet).
        var serverInit = await ReadPacketAsync(ct);
        while (serverInit.Span[0] is WireMessages.Ignore or WireMessages.Debug)
        {
            serverInit = await ReadPacketAsync(ct);
        }

        if (serverInit.Span[0] != WireMessages.KexInit)
        {
            throw new WireProtocolException($"the server began with message {serverInit.Span[0]} instead of its key exchange offer");
        }

        await ExchangeAsync(clientInit.Payload, serverInit.ToArray(), initial: true, ct);
    }

    /// <summary>The server asked for new keys (RFC 4253 §9): nothing else is sent until they are in use.</summary>
    private async Task ReExchangeAsync(byte[] serverInit, CancellationToken ct)
    {
        await _sendGate.WaitAsync(ct);
        try
        {
            var clientInit = ClientKexInit(_hostKeys!.Algorithms);
            await SendLockedAsync(clientInit.Writer, ct);
            await ExchangeAsync(clientInit.Payload, serverInit, initial: false, ct);
        }
        finally
        {
            _sendGate.Release();
        }
    }

    private static (SshPayloadWriter Writer, byte[] Payload) ClientKexInit(IReadOnlyList<string> hostKeyAlgorithms)
    {
        var writer = SshPayloadWriter.Message(WireMessages.KexInit, 512)
            .Raw(RandomNumberGenerator.GetBytes(16))
            .NameList([.. WireAlgorithms.KeyExchange, WireAlgorithms.StrictClient])
            .NameList(hostKeyAlgorithms)
            .NameList(WireAlgorithms.Ciphers)
            .NameList(WireAlgorithms.Ciphers)
            .NameList(WireAlgorithms.Macs)
            .NameList(WireAlgorithms.Macs)
            .NameList(["none"])
            .NameList(["none"])
            .NameList([])
            .NameList([])
            .Boolean(false)
            .UInt32(0);
        return (writer, writer.Payload.ToArray());
    }

    private async Task ExchangeAsync(byte[] clientInit, byte[] serverInit, bool initial, CancellationToken ct)
    {
        var offer = new SshPayloadReader(serverInit.AsSpan(17));
        var kex = offer.NameList();
        var hostKeyAlgorithms = offer.NameList();
        var toServer = offer.NameList();
        var toClient = offer.NameList();
        offer.NameList();
        offer.NameList();
        var compressionToServer = offer.NameList();
        var compressionToClient = offer.NameList();
        offer.NameList();
        offer.NameList();
        var guessFollows = offer.Boolean();

        var method = Negotiate("key exchange", WireAlgorithms.KeyExchange, kex);
        var hostKeyAlgorithm = Negotiate("host key", _hostKeys!.Algorithms, hostKeyAlgorithms);
        var cipherOut = Negotiate("cipher (client to server)", WireAlgorithms.Ciphers, toServer);
        var cipherIn = Negotiate("cipher (server to client)", WireAlgorithms.Ciphers, toClient);
        Negotiate("compression", ["none"], compressionToServer);
        Negotiate("compression", ["none"], compressionToClient);
        if (initial)
        {
            _strict = kex.Contains(WireAlgorithms.StrictServer);
            if (_strict && _received != 1)
            {
                throw new WireProtocolException("strict key exchange: the server's offer was not its first packet");
            }
        }

        var skipGuess = guessFollows && (kex[0] != method || hostKeyAlgorithms[0] != hostKeyAlgorithm);

        using var agreement = KeyAgreement.Start(method);
        var ours = agreement.PublicValue;
        await SendLockedAsync(SshPayloadWriter.Message(WireMessages.KexEcdhInit, 96).String(ours), ct);

        var reply = await KexMessageAsync(WireMessages.KexEcdhReply, skipGuess, initial, ct);
        var fields = new SshPayloadReader(reply.Span[1..]);
        var hostKey = fields.String().ToArray();
        var theirs = fields.String().ToArray();
        var signature = fields.String().ToArray();
        var shared = agreement.SharedSecret(theirs) ?? throw new WireProtocolException("the server's key exchange value is invalid");
        var k = new SshPayloadWriter(64).Mpint(shared).Payload.ToArray();
        CryptographicOperations.ZeroMemory(shared);
        var h = SHA256.HashData(new SshPayloadWriter(1024)
            .String(Encoding.ASCII.GetBytes(ClientVersion))
            .String(Encoding.ASCII.GetBytes(ServerVersion))
            .String(clientInit)
            .String(serverInit)
            .String(hostKey)
            .String(ours)
            .String(theirs)
            .Raw(k)
            .Payload);

        if (!initial && !hostKey.AsSpan().SequenceEqual(_hostKey))
        {
            throw new WireProtocolException("the server presented a different host key when the keys were renewed");
        }

        _hostKeys.Verify(hostKeyAlgorithm, hostKey, h, signature);
        if (initial)
        {
            _hostKey = hostKey;
            SessionId = h;
        }

        await SendLockedAsync(SshPayloadWriter.Message(WireMessages.NewKeys, 16), ct);
        _seal?.Dispose();
        _seal = new AesGcmPacketCipher(Derive(k, h, 'C', KeySize(cipherOut)), Derive(k, h, 'A', 12));
        if (_strict)
        {
            _sent = 0;
        }

        await KexMessageAsync(WireMessages.NewKeys, skipGuess: false, initial, ct);
        _open?.Dispose();
        _open = new AesGcmPacketCipher(Derive(k, h, 'D', KeySize(cipherIn)), Derive(k, h, 'B', 12));
        if (_strict)
        {
            _received = 0;
        }

        CryptographicOperations.ZeroMemory(k);
    }

    /// <summary>The next key exchange message, which must be <paramref name="expected"/>.</summary>
    private async Task<ReadOnlyMemory<byte>> KexMessageAsync(byte expected, bool skipGuess, bool initial, CancellationToken ct)
    {
        while (true)
        {
            var message = await ReadPacketAsync(ct);
            var number = message.Span[0];
            if (skipGuess)
            {
                // RFC 4253 §7: the server guessed the method wrong, so its first key exchange packet is ignored.
                skipGuess = false;
                continue;
            }

            if (number == expected)
            {
                return message;
            }

            if (number == WireMessages.Disconnect)
            {
                throw Disconnected(message.Span);
            }

            // Strict key exchange forbids anything else during the first exchange (the Terrapin fix).
            if (!(initial && _strict) && number is WireMessages.Ignore or WireMessages.Debug)
            {
                continue;
            }

            throw new WireProtocolException($"the server sent message {number} during key exchange, where {expected} was due");
        }
    }

    private static int KeySize(string cipher) => cipher.StartsWith("aes256", StringComparison.Ordinal) ? 32 : 16;

    /// <summary>RFC 4253 §7.2: HASH(K || H || letter || session_id), extended while more bytes are needed.</summary>
    private byte[] Derive(byte[] k, byte[] h, char letter, int size)
    {
        var key = SHA256.HashData([.. k, .. h, (byte)letter, .. SessionId]);
        while (key.Length < size)
        {
            key = [.. key, .. SHA256.HashData([.. k, .. h, .. key])];
        }

        return key[..size];
    }

    private static string Negotiate(string what, IEnumerable<string> ours, string[] theirs) =>
        WireAlgorithms.Choose(ours, theirs)
        ?? throw new WireNegotiationException($"no common {what} algorithm (the server offers {string.Join(", ", theirs)}; Converge's own transport speaks {string.Join(", ", ours)})");
}
