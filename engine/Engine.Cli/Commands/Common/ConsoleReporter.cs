using Converge.Core.Reporting;
using Spectre.Console;

namespace Converge.Cli.Commands.Common;

/// <summary>
/// Prints one line per task outcome as it happens (with diffs under <c>--diff</c>) and a recap table
/// at the end. Colours only on a terminal; plain lines otherwise, so logs and CI stay readable.
/// </summary>
internal sealed class ConsoleReporter(IAnsiConsole console, bool diff, bool verbose) : IRunObserver
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ProgressTask> _progress = new(StringComparer.Ordinal);

    /// <summary>On a terminal: one progress bar per host, sized by its number of tasks.</summary>
    public void Attach(ProgressContext context, IEnumerable<(string Host, int Tasks)> hosts)
    {
        foreach (var (host, tasks) in hosts)
        {
            _progress[host] = context.AddTask(Markup.Escape(host), maxValue: Math.Max(1, tasks));
        }
    }

    public void TaskStarted(string host, string task)
    {
        lock (_gate)
        {
            if (_progress.TryGetValue(host, out var bar))
            {
                bar.Description = Markup.Escape($"{host}: {task}");
            }
        }

        if (verbose)
        {
            lock (_gate)
            {
                console.MarkupLineInterpolated($"[grey]start: [[{host}]] {task}[/]");
            }
        }
    }

    public void TaskFinished(TaskOutcome outcome)
    {
        var (word, colour) = outcome.Status switch
        {
            OutcomeStatus.Ok => ("ok", "green"),
            OutcomeStatus.Changed => (outcome.Assumed ? "changed (assumed)" : "changed", "yellow"),
            OutcomeStatus.Failed => (outcome.Ignored ? "failed (ignored)" : outcome.Rescued ? "failed (rescued)" : "failed", "red"),
            OutcomeStatus.Skipped => ("skipped", "cyan"),
            _ => ("unreachable", "red"),
        };
        lock (_gate)
        {
            if (_progress.TryGetValue(outcome.Host, out var bar))
            {
                bar.Increment(1);
            }

            var prefix = outcome.IsHandler ? "handler " : string.Empty;
            console.MarkupLineInterpolated($"[{colour}]{word}[/]: [[{outcome.Host}]] {prefix}{outcome.Task} — {outcome.Message} [grey]({outcome.DurationMs} ms)[/]");
            if (outcome.Status == OutcomeStatus.Changed && (diff || verbose))
            {
                foreach (var change in outcome.Changes.Where(c => c.Diff is null))
                {
                    console.MarkupLineInterpolated($"    [yellow]~[/] {change.Path}: {change.Before ?? "(none)"} → {change.After ?? "(none)"}");
                }
            }

            if (diff && outcome.Diff.Length > 0)
            {
                foreach (var line in outcome.Diff.TrimEnd('\n').Split('\n'))
                {
                    var style = line.StartsWith('+') ? "green" : line.StartsWith('-') ? "red" : line.StartsWith('@') ? "cyan" : "default";
                    console.MarkupLineInterpolated($"    [{style}]{line}[/]");
                }
            }

            if (outcome.Command is not null)
            {
                console.MarkupLineInterpolated($"    command: {outcome.Command} (exit {outcome.ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "signal"})");
            }

            if (!string.IsNullOrWhiteSpace(outcome.StderrTail))
            {
                console.MarkupLineInterpolated($"    stderr: {outcome.StderrTail}");
            }
        }
    }

    public void HostFinished(HostSummary summary)
    {
        lock (_gate)
        {
            if (_progress.TryGetValue(summary.Host, out var bar))
            {
                bar.Description = Markup.Escape($"{summary.Host}: {(summary.Unreachable ? "unreachable" : summary.Failed > 0 ? "failed" : "done")}");
                bar.Value = bar.MaxValue;
            }
        }
    }

    public void Recap(RunReport report)
    {
        var table = new Table().Border(TableBorder.Simple).Title("RECAP");
        table.AddColumns("host", "ok", "changed", "failed", "skipped", "unreachable", "rescued", "ignored");
        foreach (var host in report.Hosts)
        {
            table.AddRow(
                Markup.Escape(host.Host),
                host.Ok.ToString(System.Globalization.CultureInfo.InvariantCulture),
                host.Changed.ToString(System.Globalization.CultureInfo.InvariantCulture),
                host.Failed.ToString(System.Globalization.CultureInfo.InvariantCulture),
                host.Skipped.ToString(System.Globalization.CultureInfo.InvariantCulture),
                host.Unreachable ? "yes" : "no",
                host.Rescued.ToString(System.Globalization.CultureInfo.InvariantCulture),
                host.Ignored.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        console.WriteLine();
        console.Write(table);
        console.MarkupLineInterpolated($"{(report.Check ? "check" : "apply")} finished in {report.DurationMs} ms");
    }
}
