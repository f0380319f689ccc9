using System.CommandLine;
using Converge.Cli.Commands.Lab;

namespace Converge.Cli.Commands;

/// <summary>The root of the <c>converge</c> command: one subcommand per verb folder.</summary>
public static class ConvergeCommand
{
    public static RootCommand Create()
    {
        var root = new RootCommand("Converge: a declarative state engine for hosts and networks.");
        root.Subcommands.Add(LabCommand.Create());
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
