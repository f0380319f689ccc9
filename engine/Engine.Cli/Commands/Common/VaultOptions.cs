using System.CommandLine;
using System.Text;
using Converge.Core.Vault;

namespace Converge.Cli.Commands.Common;

/// <summary>Ansible's vault password options, shared by the playbook verbs and <c>converge vault</c>.</summary>
internal sealed class VaultOptions
{
    public Option<string[]> PasswordFile { get; } = new("--vault-password-file", "--vault-pass-file")
    {
        Description = "A file holding the vault password (or an executable printing it); repeatable.",
    };

    public Option<string[]> VaultId { get; } = new("--vault-id")
    {
        Description = "A vault id and its password source: LABEL@FILE, LABEL@prompt or FILE; repeatable.",
    };

    public Option<bool> Ask { get; } = new("--ask-vault-pass", "--ask-vault-password", "-J") { Description = "Ask for the vault password on the terminal." };

    public void AddTo(Command command)
    {
        command.Options.Add(PasswordFile);
        command.Options.Add(VaultId);
        command.Options.Add(Ask);
    }

    /// <summary>The keyring the options describe; a <see cref="VaultException"/> when a source cannot be read.</summary>
    public VaultKeyring Keyring(ParseResult parse) =>
        VaultPasswordSource.Read(parse.GetValue(PasswordFile) ?? [], parse.GetValue(VaultId) ?? [], parse.GetValue(Ask), Prompt);

    /// <summary>Reads a password from the terminal without echo; null without a terminal (never from piped input).</summary>
    public static string? Prompt(string question)
    {
        if (Console.IsInputRedirected)
        {
            return null;
        }

        Console.Error.Write(question);
        var typed = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                Console.Error.WriteLine();
                return typed.ToString();
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                typed.Length = Math.Max(0, typed.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                typed.Append(key.KeyChar);
            }
        }
    }
}
