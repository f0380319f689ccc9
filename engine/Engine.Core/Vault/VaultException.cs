using Converge.Core.Diagnostics;

namespace Converge.Core.Vault;

/// <summary>
/// Vaulted data could not be read or written: a malformed envelope, no password for it, or a
/// password that does not open it. The message never contains the password or the plaintext.
/// </summary>
public sealed class VaultException : ConvergeException
{
    public VaultException(string message)
        : base(message)
    {
    }
}
