using System.CommandLine;
using Converge.Cli.Commands.Apply;
using Converge.Cli.Commands.Check;
using Converge.Cli.Commands.Common;
using Converge.Cli.Commands.Graph;
using Converge.Cli.Commands.Inventory;
using Converge.Cli.Commands.Lab;
using Converge.Cli.Commands.Validate;
using Converge.Cli.Commands.Vault;
using Converge.Core.Reporting;

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
        StartupWarmUp.Begin(args);
        try
        {
            // No response files: "-e @vars.yml" names an extra-vars file, and a file's words must never
            // become options. Exceptions are not printed with their stack trace: see below.
            var parse = Create().Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null }, interruption.Cancel);
        }
        catch (OperationCanceledException) when (interruption.Interrupted)
        {
            return interruption.ExitCode;
        }
        catch (Exception e)
        {
            // The last guard: every expected failure is a diagnostic or a task result long before this, so
            // what reaches here is a defect. A user gets one line that says so, never a stack trace.
            Console.Error.WriteLine($"converge: error: {Unexpected(e)}");
            return ExitCodes.InvalidInput;
        }
    }

    private static string Unexpected(Exception e)
    {
        var inner = e is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerExceptions[0] : e;
        return $"{inner.Message.ReplaceLineEndings(" ")} ({inner.GetType().Name}; this is a bug in converge, please report it)";
    }
}
