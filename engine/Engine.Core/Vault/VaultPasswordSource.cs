using System.Diagnostics;
using Converge.Core.Secrets;

namespace Converge.Core.Vault;

/// <summary>
/// Reads vault passwords as Ansible's options give them: <c>--vault-password-file FILE</c> (a file whose
/// first line is the password, or an executable whose output is), <c>--vault-id [LABEL@]FILE|prompt</c>,
/// <c>--ask-vault-pass</c> (a prompt on the terminal; an error without one).
/// </summary>
public static class VaultPasswordSource
{
    public static VaultKeyring Read(IEnumerable<string> passwordFiles, IEnumerable<string> vaultIds, bool ask, Func<string, string?> prompt)
    {
        var passwords = new List<VaultPassword>();
        foreach (var file in passwordFiles)
        {
            passwords.Add(FromSource(VaultPassword.DefaultLabel, file, prompt));
        }

        foreach (var id in vaultIds)
        {
            var at = id.IndexOf('@', StringComparison.Ordinal);
            var (label, source) = at > 0 ? (id[..at], id[(at + 1)..]) : (VaultPassword.DefaultLabel, id);
            passwords.Add(FromSource(label, source, prompt));
        }

        if (ask)
        {
            passwords.Add(FromSource(VaultPassword.DefaultLabel, "prompt", prompt));
        }

        return new VaultKeyring(passwords);
    }

    private static VaultPassword FromSource(string label, string source, Func<string, string?> prompt)
    {
        if (source is "prompt" or "prompt_ask_vault_pass")
        {
            var typed = prompt(label == VaultPassword.DefaultLabel ? "Vault password: " : $"Vault password ({label}): ")
                ?? throw new VaultException("a vault password prompt needs a terminal; pass --vault-password-file instead");
            return new VaultPassword(label, new Secret(typed), "prompt");
        }

        if (!File.Exists(source))
        {
            throw new VaultException($"vault password file {source} does not exist");
        }

        var text = IsExecutable(source) ? RunScript(source, label) : ReadFile(source);
        var password = text.Split('\n')[0].TrimEnd('\r').Trim();
        if (password.Length == 0)
        {
            throw new VaultException($"vault password file {source} is empty");
        }

        return new VaultPassword(label, new Secret(password), source);
    }

    private static string ReadFile(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new VaultException($"cannot read vault password file {path}: {e.Message}");
        }
    }

    private static bool IsExecutable(string path) =>
        (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;

    /// <summary>An executable password file is a script that prints the password, as in Ansible.</summary>
    private static string RunScript(string path, string label)
    {
        var start = new ProcessStartInfo(Path.GetFullPath(path)) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(path).EndsWith("-client", StringComparison.Ordinal))
        {
            // Ansible passes the vault id only to "client" scripts (vault-keyring-client.py and the like).
            start.ArgumentList.Add("--vault-id");
            start.ArgumentList.Add(label);
        }

        using var process = Process.Start(start) ?? throw new VaultException($"cannot run vault password script {path}");
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0
            ? output
            : throw new VaultException($"vault password script {path} exited with {process.ExitCode}: {error.Trim()}");
    }
}
