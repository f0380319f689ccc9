using Renci.SshNet;
using Renci.SshNet.Security;

namespace Converge.Core.Connections.Ssh.Wire;

/// <summary>
/// Which host key algorithms to ask for, and whether to trust the key a server proves it holds. The signature over
/// the exchange hash is checked with SSH.NET's key classes (the same code that checks it when SSH.NET connects); the
/// trust decision (known_hosts) is the caller's.
/// </summary>
internal sealed class WireHostKeyPolicy(IReadOnlyList<string> algorithms, Func<byte[], bool> trust)
{
    // SSH.NET's factories, by signature algorithm name: each reads a host key blob into a key that verifies signatures.
    private static readonly IDictionary<string, Func<byte[], KeyHostAlgorithm>> Factories =
        new ConnectionInfo("localhost", "converge", new NoneAuthenticationMethod("converge")).HostKeyAlgorithms;

    /// <summary>The algorithms to offer, most preferred first.</summary>
    public IReadOnlyList<string> Algorithms { get; } = [.. algorithms.Where(Factories.ContainsKey)];

    /// <summary>Throws unless <paramref name="signature"/> is <paramref name="hostKey"/>'s signature of <paramref name="exchangeHash"/> and the key is trusted.</summary>
    public void Verify(string algorithm, byte[] hostKey, byte[] exchangeHash, ReadOnlySpan<byte> signature)
    {
        var keyType = new SshPayloadReader(hostKey).Utf8();
        var signed = new SshPayloadReader(signature);
        var signatureAlgorithm = signed.Utf8();
        if (keyType != WireAlgorithms.KeyTypeOf(algorithm) || signatureAlgorithm != algorithm)
        {
            throw new WireProtocolException($"the server negotiated host key algorithm {algorithm} but sent a {keyType} key signed with {signatureAlgorithm}");
        }

        bool valid;
        try
        {
            valid = Factories[algorithm](hostKey).VerifySignature(exchangeHash, signature.ToArray());
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.Security.Cryptography.CryptographicException or Renci.SshNet.Common.SshException)
        {
            throw new WireProtocolException($"the server's {keyType} host key cannot be read: {e.Message}", e);
        }

        if (!valid)
        {
            throw new WireProtocolException("the server's host key signature does not verify: it does not hold the key it presented");
        }

        if (!trust(hostKey))
        {
            throw new WireProtocolException("the server's host key is not trusted");
        }
    }
}
