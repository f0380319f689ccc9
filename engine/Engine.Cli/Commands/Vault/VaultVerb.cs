using Converge.Core.Vault;

namespace Converge.Cli.Commands.Vault;

/// <summary>What the vault verbs share: error handling, choosing the encrypting password, atomic output.</summary>
internal static class VaultVerb
{
    public static int Run(string verb, Action action)
    {
        try
        {
            action();
            return 0;
        }
        catch (Exception e) when (e is VaultException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"converge vault {verb}: {e.Message}");
            return 1;
        }
    }

    public static VaultPassword EncryptingPassword(VaultKeyring keyring, string? encryptId)
    {
        if (keyring.Passwords.Count == 0)
        {
            throw new VaultException("no vault password given (use --vault-password-file, --vault-id or --ask-vault-pass)");
        }

        if (encryptId is null)
        {
            return keyring.Passwords.Count == 1
                ? keyring.Passwords[0]
                : throw new VaultException("several vault passwords given: choose the one that encrypts with --encrypt-vault-id");
        }

        return keyring.Passwords.FirstOrDefault(p => p.Label == encryptId)
            ?? throw new VaultException($"--encrypt-vault-id {encryptId}: no such vault id among {string.Join(", ", keyring.Passwords.Select(p => p.Label))}");
    }

    /// <summary>
    /// Writes standard output, or a file atomically: a temp file created with its final mode (the
    /// replaced file's, or 0600 for a new one: it may hold a secret) beside the target, then renamed.
    /// </summary>
    public static void Write(string destination, byte[] content, string? source)
    {
        if (destination == "-")
        {
            using var stdout = Console.OpenStandardOutput();
            stdout.Write(content);
            return;
        }

        var mode = File.Exists(destination) ? File.GetUnixFileMode(destination)
            : source is not null && File.Exists(source) ? File.GetUnixFileMode(source)
            : UnixFileMode.UserRead | UnixFileMode.UserWrite;
        var directory = Path.GetDirectoryName(Path.GetFullPath(destination))!;
        var temp = Path.Combine(directory, $".{Path.GetFileName(destination)}.converge-{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = mode }))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, destination, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
