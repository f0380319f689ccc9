using System.Globalization;
using System.Text;

namespace Converge.Cli.Tests.Corpus;

/// <summary>The corpus table: share of playbooks that load, share of tasks runnable, and what blocks the rest.</summary>
internal static class CorpusReport
{
    public static string Render(IReadOnlyList<CorpusResult> results)
    {
        var text = new StringBuilder();
        var loads = results.Count(r => r.Loads);
        var tasks = results.Sum(r => r.Tasks.Count);
        var runnable = results.Sum(r => r.Runnable.Count);
        text.Append(CultureInfo.InvariantCulture, $"playbooks that load: {loads}/{results.Count} ({Percent(loads, results.Count)})\n");
        var notReached = results.Sum(r => r.NotReached.Count);
        text.Append(CultureInfo.InvariantCulture, $"tasks runnable: {runnable}/{tasks} ({Percent(runnable, tasks)})\n");
        text.Append(CultureInfo.InvariantCulture, $"tasks not reached on Debian-family hosts (condition false before the run; their diagnostics held back): {notReached}/{tasks} ({Percent(notReached, tasks)})\n");
        text.Append(CultureInfo.InvariantCulture, $"tasks blocked: {results.Sum(r => r.Blocked.Count())}/{tasks}\n");

        // The issue's second measure: a task whose module Converge does not implement (or refuses, naming why) fails
        // validation for that module alone; every other non-runnable task is blocked by something else.
        var implemented = Converge.Modules.BuiltinCatalog.Modules().Names.ToHashSet(StringComparer.Ordinal);
        var moduleOnly = results.Sum(r => r.Blocked.Count(t => t.Module is { } m && !implemented.Contains(Converge.Core.Playbooks.ModuleNames.WithoutPrefix(m)) && !IsStructure(m)));
        text.Append(CultureInfo.InvariantCulture, $"tasks runnable or blocked only by a module not implemented: {runnable + moduleOnly}/{tasks} ({Percent(runnable + moduleOnly, tasks)})\n\n");
        text.Append("| case | loads | runnable tasks | not reached | first diagnostic |\n|---|---|---|---|---|\n");
        foreach (var r in results)
        {
            var first = r.Diagnostics is [var d, ..] ? d : null;
            var where = first is null ? string.Empty : $"{Path.GetRelativePath(CorpusValidator.Root, first.Span.File)}:{first.Span.Line}: {first.Message}";
            text.Append(CultureInfo.InvariantCulture, $"| {r.Name} | {(r.Loads ? "yes" : "no")} | {r.Runnable.Count}/{r.Tasks.Count} | {r.NotReached.Count} | {Cell(where)} |\n");
        }

        text.Append("\nWhat blocks the tasks that are not runnable (by module key; tasks the loader did not reach count under their module too):\n\n");
        var blocked = results.SelectMany(r => r.Blocked).GroupBy(t => t.Module ?? "(none)").OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal);
        foreach (var group in blocked)
        {
            text.Append(CultureInfo.InvariantCulture, $"- {group.Key}: {group.Count()}\n");
        }

        return text.ToString();
    }

    /// <summary>Keys that are Converge's own structure, not modules (an include or import is blocked by what it holds).</summary>
    public static bool IsStructure(string key) => Converge.Core.Playbooks.ModuleNames.WithoutPrefix(key) is
        "include_tasks" or "import_tasks" or "include_role" or "import_role" or "include" or "import_playbook" or "meta" or "block";

    private static string Percent(int part, int whole) => whole == 0 ? "0%" : (100.0 * part / whole).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    private static string Cell(string text) => (text.Length > 140 ? text[..140] + "…" : text).Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
