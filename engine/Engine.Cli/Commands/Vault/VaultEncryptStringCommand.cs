using System.CommandLine;
using System.Text;
using Converge.Cli.Commands.Common;
using Converge.Core.Vault;

namespace Converge.Cli.Commands.Vault;

/// <summary>
/// <c>converge vault encrypt_string [STRING] [--name NAME]</c>: a <c>!vault</c> value to paste into YAML,
/// in the layout <c>ansible-vault encrypt_string</c> prints. Without STRING the plaintext is read from
/// standard input, so it never appears in argv or the shell's history.
/// </summary>
internal static class VaultEncryptStringCommand
{
    public static Command Create()
    {
        var text = new Argument<string?>("string") { Description = "The plaintext (omit to read standard input).", Arity = ArgumentArity.ZeroOrOne };
        var name = new Option<string?>("--name", "-n") { Description = "Print the value as 'NAME: !vault |'." };
        var encryptId = new Option<string?>("--encrypt-vault-id") { Description = "The vault id whose password encrypts (when several are given)." };
        var vault = new VaultOptions();
        var command = new Command("encrypt_string", "Encrypt a string into a !vault YAML value.") { text, name, encryptId };
        vault.AddTo(command);
        command.SetAction(parse => VaultVerb.Run("encrypt_string", () =>
        {
            var keyring = vault.Keyring(parse);
            var password = VaultVerb.EncryptingPassword(keyring, parse.GetValue(encryptId));
            var plaintext = parse.GetValue(text) ?? Console.In.ReadToEnd();
            var envelope = VaultCipher.Encrypt(Encoding.UTF8.GetBytes(plaintext), password.Password, password.Label).Format();
            var value = new StringBuilder(parse.GetValue(name) is { } key ? $"{key}: !vault |\n" : "!vault |\n");
            foreach (var line in envelope.TrimEnd('\n').Split('\n'))
            {
                value.Append("          ").Append(line).Append('\n');
            }

            Console.Out.Write(value.ToString());
        }));
        return command;
    }
}
