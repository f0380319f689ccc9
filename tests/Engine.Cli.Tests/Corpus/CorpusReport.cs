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

        var elsewhere = results.Sum(r => r.RunnableElsewhere.Count);
        text.Append(CultureInfo.InvariantCulture, $"of the runnable, in files no Debian-family host reads (the other files of a fact-named include, e.g. setup-RedHat.yml): {elsewhere}\n");

        // The issue's second measure: a task whose module Converge does not implement (or refuses, naming why) fails
        // validation for that module alone, whether it is blocked or held back as not reached (a yum task under
        // `when: ansible_os_family == 'RedHat'`); every other task that is not runnable fails for something else.
        var implemented = Converge.Modules.BuiltinCatalog.Modules().Names.ToHashSet(StringComparer.Ordinal);
        bool ModuleOnly(CorpusTask t) => t.Module is { } m && !implemented.Contains(Converge.Core.Playbooks.ModuleNames.WithoutPrefix(m)) && !IsStructure(m);
        var blockedModuleOnly = results.Sum(r => r.Blocked.Count(ModuleOnly));
        var unreachedModuleOnly = results.Sum(r => r.NotReached.Count(ModuleOnly));
        var measure = runnable + blockedModuleOnly + unreachedModuleOnly;
        text.Append(CultureInfo.InvariantCulture, $"tasks runnable or failing validation only for a module not implemented: {measure}/{tasks} ({Percent(measure, tasks)}): {runnable} runnable, {blockedModuleOnly} blocked and {unreachedModuleOnly} not reached for such a module alone\n");
        var debianOnly = measure - elsewhere;
        text.Append(CultureInfo.InvariantCulture, $"the same without the runnable tasks no Debian-family host reads: {debianOnly}/{tasks} ({Percent(debianOnly, tasks)})\n\n");
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

        text.Append("\nBlocked tasks, by file (line numbers):\n\n");
        foreach (var group in results.SelectMany(r => r.Blocked).GroupBy(t => Path.GetRelativePath(CorpusValidator.Root, t.File)).OrderByDescending(g => g.Count()))
        {
            text.Append(CultureInfo.InvariantCulture, $"- {group.Key}: {group.Count()} ({string.Join(", ", group.Select(t => t.StartLine))})\n");
        }

        return text.ToString();
    }

    /// <summary>Keys that are Converge's own structure, not modules (an include or import is blocked by what it holds).</summary>
    public static bool IsStructure(string key) => Converge.Core.Playbooks.ModuleNames.WithoutPrefix(key) is
        "include_tasks" or "import_tasks" or "include_role" or "import_role" or "include" or "import_playbook" or "meta" or "block";

    private static string Percent(int part, int whole) => whole == 0 ? "0%" : (100.0 * part / whole).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    private static string Cell(string text) => (text.Length > 140 ? text[..140] + "…" : text).Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
