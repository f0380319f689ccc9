using Converge.Core.Reporting;
using Spectre.Console;

namespace Converge.Cli.Commands.Common;

/// <summary>
/// Prints one line per task outcome as it happens (with diffs under <c>--diff</c>) and a recap table
/// at the end. Colours only on a terminal; plain lines otherwise, so logs and CI stay readable.
/// <para>
/// With <paramref name="plain"/> (output redirected: no colours, no wrapping), the task lines are written to it as
/// they are: rendering each through Spectre's markup parser, layout and width measuring cost about 1 ms of the
/// controller's CPU per host for the six lines of a small play (issue 14), for the same text.
/// </para>
/// </summary>
internal sealed class ConsoleReporter(IAnsiConsole console, bool diff, bool verbose, TextWriter? plain = null) : IRunObserver
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
                Line(($"start: [{host}] {task}", "grey"));
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
            Line((word, colour), ($": [{outcome.Host}] {prefix}{outcome.Task} — {outcome.Message} ", null), ($"({outcome.DurationMs} ms)", "grey"));
            if (outcome.Status == OutcomeStatus.Changed && (diff || verbose))
            {
                foreach (var change in outcome.Changes.Where(c => c.Diff is null))
                {
                    Line(("    ", null), ("~", "yellow"), ($" {change.Path}: {change.Before ?? "(none)"} → {change.After ?? "(none)"}", null));
                }
            }

            if (diff && outcome.Diff.Length > 0)
            {
                foreach (var line in outcome.Diff.TrimEnd('\n').Split('\n'))
                {
                    var style = line.StartsWith('+') ? "green" : line.StartsWith('-') ? "red" : line.StartsWith('@') ? "cyan" : "default";
                    Line(("    ", null), (line, style));
                }
            }

            if (outcome.Command is not null)
            {
                Line(($"    command: {outcome.Command} (exit {outcome.ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "signal"})", null));
            }

            if (!string.IsNullOrWhiteSpace(outcome.StderrTail))
            {
                Line(($"    stderr: {outcome.StderrTail}", null));
            }
        }
    }

    /// <summary>One line of parts, each in its style (null: none); plain text when <c>plain</c> is given. Called under the gate.</summary>
    private void Line(params ReadOnlySpan<(string Text, string? Style)> parts)
    {
        var text = new System.Text.StringBuilder();
        foreach (var (part, style) in parts)
        {
            if (plain is not null)
            {
                text.Append(part);
            }
            else
            {
                text.Append(style is null ? Markup.Escape(part) : $"[{style}]{Markup.Escape(part)}[/]");
            }
        }

        if (plain is not null)
        {
            plain.WriteLine(text.ToString());
        }
        else
        {
            console.MarkupLine(text.ToString());
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
