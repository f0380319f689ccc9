using System.CommandLine;
using Converge.Cli.Commands.Apply;
using Converge.Cli.Commands.Check;
using Converge.Cli.Commands.Common;
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
        // Signals are Converge's to handle (Common/Interruption.cs), not System.CommandLine's (which exits 1 after 2 s).
        using var interruption = Interruption.Listen();
        try
        {
            return await Create().Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }, interruption.Cancel);
        }
        catch (OperationCanceledException) when (interruption.Interrupted)
        {
            return interruption.ExitCode;
        }
    }
}
