using System.CommandLine;
using Converge.Cli.Commands.Common;
using Converge.Core.Diagnostics;
using Converge.Core.Inventory;
using Converge.Core.Running;
using Converge.Core.Secrets;
using Converge.Core.Vault;

namespace Converge.Cli.Commands.Inventory;

/// <summary>
/// <c>converge inventory -i INVENTORY [-i ...] --list | --host HOST</c>: the resolved inventory as JSON in the
/// shape of <c>ansible-inventory</c>, so the two can be compared on the same files.
/// </summary>
public static class InventoryCommand
{
    public static Command Create()
    {
        var inventories = new Option<string[]>("--inventory", "-i")
        {
            Description = "An inventory file or directory (YAML or INI); repeat to merge several.",
            Arity = ArgumentArity.OneOrMore,
        };
        var list = new Option<bool>("--list") { Description = "Print every group and host with its variables." };
        var host = new Option<string>("--host") { Description = "Print the variables of one host." };
        var command = new Command("inventory", "Show the resolved inventory as JSON, like ansible-inventory.")
        {
            inventories,
            list,
            host,
        };
        var vault = new VaultOptions();
        vault.AddTo(command);
        command.SetAction((ParseResult result, CancellationToken _) =>
        {
            try
            {
                VaultKeyring.Current = vault.Keyring(result);
            }
            catch (VaultException e)
            {
                result.InvocationConfiguration.Error.WriteLine("converge inventory: " + e.Message);
                return Task.FromResult(1);
            }

            return Task.FromResult(Run(
                result.GetValue(inventories) ?? [],
                result.GetValue(list),
                result.GetValue(host),
                result.InvocationConfiguration.Output,
                result.InvocationConfiguration.Error));
        });
        return command;
    }

    internal static int Run(IReadOnlyList<string> paths, bool list, string? host, TextWriter output, TextWriter error)
    {
        // Vaulted values are opened to resolve the inventory but never printed (ansible-inventory prints
        // them still encrypted; Converge prints [REDACTED]).
        var redactor = new Redactor();
        output = new RedactingWriter(output, redactor);
        if (paths.Count == 0)
        {
            error.WriteLine("converge inventory: give at least one inventory with -i FILE|DIR");
            return 1;
        }

        if (list == (host is not null))
        {
            error.WriteLine("converge inventory: give exactly one of --list or --host HOST");
            return 1;
        }

        var diagnostics = new DiagnosticBag();
        var inventory = InventoryLoader.Load(paths, diagnostics);
        VaultKeyring.Current.RegisterWith(redactor);
        if (diagnostics.HasErrors)
        {
            error.Write(DiagnosticFormatter.Format(diagnostics.Items));
            return 1;
        }

        // What reaches a secret connection variable (a become password, from wherever) is printed as [REDACTED].
        var secrets = ConnectionPlan.SecretsOf(inventory, ConvergeEngine.Templates);
        if (host is null)
        {
            output.WriteLine(secrets.Redact(InventoryJson.List(inventory)));
            return 0;
        }

        try
        {
            output.WriteLine(secrets.Redact(InventoryJson.Host(inventory, host)));
            return 0;
        }
        catch (ArgumentException e)
        {
            error.WriteLine($"converge inventory: {e.Message.Split(" (Parameter", 2)[0]}");
            return 1;
        }
    }
}
