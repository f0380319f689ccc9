using System.CommandLine;
using System.Text;
using Converge.Cli.Commands.Common;
using Converge.Core.Vault;

namespace Converge.Cli.Commands.Vault;

/// <summary><c>converge vault encrypt|decrypt|view FILE...</c>, as <c>ansible-vault</c> does them.</summary>
internal static class VaultFileCommand
{
    public static Command Create(string verb, string description)
    {
        var files = new Argument<string[]>("file") { Description = "Files ('-' for standard input).", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string?>("--output") { Description = "Write here instead of in place ('-' for standard output)." };
        var encryptId = new Option<string?>("--encrypt-vault-id") { Description = "The vault id whose password encrypts (when several are given)." };
        var vault = new VaultOptions();
        var command = new Command(verb, description) { files };
        if (verb != "view")
        {
            command.Options.Add(output);
        }

        if (verb == "encrypt")
        {
            command.Options.Add(encryptId);
        }

        vault.AddTo(command);
        command.SetAction(parse => VaultVerb.Run(verb, () =>
        {
            var keyring = vault.Keyring(parse);
            var paths = parse.GetValue(files) ?? [];
            var target = parse.GetValue(output);
            if (target is not null && paths.Length > 1 && target != "-")
            {
                throw new VaultException("--output takes one input file");
            }

            foreach (var path in paths)
            {
                var content = path == "-" ? ReadStandardInput() : File.ReadAllBytes(path);
                var result = verb switch
                {
                    "encrypt" => Encrypt(content, keyring, parse.GetValue(encryptId), path),
                    _ => keyring.Decrypt(Encoding.UTF8.GetString(content), path == "-" ? "standard input" : path),
                };
                var destination = verb == "view" ? "-" : target ?? path;
                VaultVerb.Write(destination, result, path == "-" ? null : path);
                if (verb != "view" && destination != "-")
                {
                    Console.Error.WriteLine($"{verb}ed {path}{(destination == path ? string.Empty : $" to {destination}")}");
                }
            }
        }));
        return command;
    }

    private static byte[] Encrypt(byte[] content, VaultKeyring keyring, string? encryptId, string path)
    {
        if (VaultEnvelope.IsVaulted(content))
        {
            throw new VaultException($"{path} is already vaulted");
        }

        var password = VaultVerb.EncryptingPassword(keyring, encryptId);
        return Encoding.ASCII.GetBytes(VaultCipher.Encrypt(content, password.Password, password.Label).Format());
    }

    private static byte[] ReadStandardInput()
    {
        using var input = Console.OpenStandardInput();
        using var buffer = new MemoryStream();
        input.CopyTo(buffer);
        return buffer.ToArray();
    }
}
