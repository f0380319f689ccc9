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
        text.Append(CultureInfo.InvariantCulture, $"tasks runnable: {runnable}/{tasks} ({Percent(runnable, tasks)})\n\n");
        text.Append("| case | loads | runnable tasks | first diagnostic |\n|---|---|---|---|\n");
        foreach (var r in results)
        {
            var first = r.Diagnostics is [var d, ..] ? d : null;
            var where = first is null ? string.Empty : $"{Path.GetRelativePath(CorpusValidator.Root, first.Span.File)}:{first.Span.Line}: {first.Message}";
            text.Append(CultureInfo.InvariantCulture, $"| {r.Name} | {(r.Loads ? "yes" : "no")} | {r.Runnable.Count}/{r.Tasks.Count} | {Cell(where)} |\n");
        }

        text.Append("\nWhat blocks the tasks that are not runnable (by module key; tasks the loader did not reach count under their module too):\n\n");
        var blocked = results.SelectMany(r => r.Tasks.Except(r.Runnable)).GroupBy(t => t.Module ?? "(none)").OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal);
        foreach (var group in blocked)
        {
            text.Append(CultureInfo.InvariantCulture, $"- {group.Key}: {group.Count()}\n");
        }

        return text.ToString();
    }

    private static string Percent(int part, int whole) => whole == 0 ? "0%" : (100.0 * part / whole).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    private static string Cell(string text) => (text.Length > 140 ? text[..140] + "…" : text).Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
