using System.CommandLine;

namespace Converge.Cli.Commands.Vault;

/// <summary>
/// <c>converge vault encrypt|decrypt|view|encrypt_string</c>: Ansible Vault files and values, readable by
/// <c>ansible-vault</c> and the other way round (format 1.1, and 1.2 with a vault id).
/// </summary>
public static class VaultCommand
{
    public static Command Create()
    {
        var vault = new Command("vault", "Encrypt and decrypt Ansible Vault files and values (interoperable with ansible-vault).");
        vault.Subcommands.Add(VaultFileCommand.Create("encrypt", "Encrypt files in place (or to --output)."));
        vault.Subcommands.Add(VaultFileCommand.Create("decrypt", "Decrypt files in place (or to --output)."));
        vault.Subcommands.Add(VaultFileCommand.Create("view", "Print the plaintext of vaulted files."));
        vault.Subcommands.Add(VaultEncryptStringCommand.Create());
        return vault;
    }
}
