using System.CommandLine;
using Converge.Cli.Commands.Apply;
using Converge.Cli.Commands.Check;
using Converge.Cli.Commands.Graph;
using Converge.Cli.Commands.Inventory;
using Converge.Cli.Commands.Lab;
using Converge.Cli.Commands.Validate;
using Converge.Cli.Commands.Vault;

namespace Converge.Cli.Commands;

/// <summary>The root of the <c>converge</c> command: one subcommand per verb folder.</summary>
public static class ConvergeCommand
{
    public static RootCommand Create()
    {
        var root = new RootCommand("Converge: a declarative state engine for hosts and networks.");
        root.Subcommands.Add(ApplyCommand.Create());
        root.Subcommands.Add(CheckCommand.Create());
        root.Subcommands.Add(ValidateCommand.Create());
        root.Subcommands.Add(GraphCommand.Create());
        root.Subcommands.Add(InventoryCommand.Create());
        root.Subcommands.Add(LabCommand.Create());
        root.Subcommands.Add(VaultCommand.Create());
        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        return await Create().Parse(args).InvokeAsync(null, cancel.Token);
    }
}
