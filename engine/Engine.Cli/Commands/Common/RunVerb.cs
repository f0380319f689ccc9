using System.CommandLine;
using Converge.Core.Diagnostics;
using Converge.Core.Reporting;
using Converge.Core.Running;
using Spectre.Console;

namespace Converge.Cli.Commands.Common;

/// <summary>What <c>apply</c> and <c>check</c> share: load, validate, run, print, report, exit code.</summary>
internal static class RunVerb
{
    public static async Task<int> RunAsync(ParseResult parse, PlaybookOptions playbook, ApplyOptions options, bool check, bool diff, bool detailed, CancellationToken ct)
    {
        var run = ConvergeEngine.TryLoad(() => playbook.Request(parse), Console.Error);
        if (run is null)
        {
            return ExitCodes.InvalidInput;
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        if (Console.IsOutputRedirected)
        {
            // Logs and CI read whole lines: do not wrap them at a guessed terminal width.
            console.Profile.Width = 1000;
        }

        var reporter = new ConsoleReporter(console, diff, parse.GetValue(options.Verbose), Console.IsOutputRedirected ? Console.Out : null);
        var runOptions = HostConnections.RunOptions(
            run,
            check,
            Math.Max(1, Given(parse, options.Forks) ?? playbook.Config.Forks ?? parse.GetValue(options.Forks)),
            parse.GetValue(options.KnownHosts),
            parse.GetValue(options.AcceptNewHostKeys),
            TimeSpan.FromSeconds(Given(parse, options.ConnectTimeout) ?? playbook.Config.Timeout ?? parse.GetValue(options.ConnectTimeout)));
        runOptions = runOptions with { Stop = Interruption.Current?.Stop ?? CancellationToken.None, Diff = diff };
        var runner = ConvergeEngine.Runner();
        Interruption.Current?.RunStarted();
        RunReport report;
        if (!Console.IsOutputRedirected && console.Profile.Capabilities.Interactive)
        {
            // A terminal gets live progress bars per host; the task lines print above them.
            report = await console.Progress()
                .AutoClear(true)
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
                .StartAsync(async context =>
                {
                    reporter.Attach(context, run.Graph.Hosts.Select(h => (h, run.Graph.NodesOf(h).Count(n => !n.Task.IsHandler))));
                    return await runner.RunAsync(run, runOptions, reporter, ct);
                });
        }
        else
        {
            report = await runner.RunAsync(run, runOptions, reporter, ct);
        }

        if (report.Interrupted)
        {
            console.MarkupLine("[yellow]interrupted[/]: tasks not started by then did not run");
        }

        reporter.Recap(report);
        if (parse.GetValue(options.Report) is { } file)
        {
            try
            {
                await File.WriteAllTextAsync(file, ReportJson.Write(report), ct);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Checked before the run; something changed since. The run's outcome still decides the code.
                await Console.Error.WriteLineAsync($"converge: error: cannot write the report '{file}': {e.Message}");
            }
        }

        return report.Interrupted ? Interruption.Current!.ExitCode : report.ExitCode(detailed);
    }

    /// <summary>An option's value when the command line gives it; null when only its default would apply (ansible.cfg then decides).</summary>
    private static int? Given(ParseResult parse, Option<int> option) =>
        parse.GetResult(option) is { Implicit: false } ? parse.GetValue(option) : null;
}
