using Converge.Core.Diagnostics;
using Converge.Core.Playbooks;
using Converge.Core.Running;
using Converge.Core.Templates;
using Converge.Modules;

namespace Converge.Cli.Tests.Corpus;

/// <summary>
/// Validates one corpus case the way <c>converge validate</c> does (the same loader, the same modules),
/// and decides per task whether it is runnable: the loader reached it (it is among the loaded task
/// definitions) and no diagnostic points inside it; or not reached: no host reaches it before the run and its
/// diagnostics were held back.
/// </summary>
internal static class CorpusValidator
{
    public static string Root => Path.Combine(Converge.TestKit.RepositoryPaths.Root, "tests", "Corpus");

    public static IEnumerable<string> Cases() =>
        Directory.EnumerateDirectories(Root).Where(d => File.Exists(Path.Combine(d, "playbook.yml"))).Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    public static CorpusResult Validate(string name)
    {
        var directory = Path.Combine(Root, name);
        var playbookPath = Path.Combine(directory, "playbook.yml");
        var modules = BuiltinCatalog.Modules();
        IReadOnlyList<Diagnostic> diagnostics = [];
        var loads = true;
        UnreachedTasks unreached;
        try
        {
            unreached = new RunLoader(modules, BuiltinCatalog.Planners(), new TemplateEngine()).Load(new RunRequest
            {
                Playbook = playbookPath,
                Inventories = [Path.Combine(directory, "inventory.yml")],
            }).Unreached;
        }
        catch (ConfigurationException e)
        {
            loads = false;
            diagnostics = e.Diagnostics;
            unreached = e.Unreached;
        }

        var reached = new DiagnosticBag();
        var playbook = new PlaybookLoader([.. modules.Names]).Load(playbookPath, reached);
        var definitions = playbook?.Plays.SelectMany(p => WithIncluded(p.Tasks.Concat(p.Handlers))).Select(t => (t.Span.File, t.Span.Line)).ToHashSet() ?? [];
        var tasks = CorpusTaskCounter.Count(directory);

        // A task whose diagnostics were held back because no host reaches it is neither runnable nor blocked: its own count.
        var heldBack = unreached.Tasks.Select(t => (t.Span.File, t.Span.Line)).ToHashSet();
        var notReached = tasks.Where(t => heldBack.Contains((t.File, t.StartLine))).ToList();
        var runnable = tasks
            .Where(t => definitions.Contains((t.File, t.StartLine)))
            .Where(t => !diagnostics.Any(d => t.Contains(d.Span.File, d.Span.Line)))
            .Except(notReached)
            .ToList();
        return new CorpusResult(name, loads, tasks, runnable, diagnostics) { NotReached = notReached };
    }

    /// <summary>The tasks and, for a dynamic include whose file is known at load, the tasks it includes (read then too).</summary>
    private static IEnumerable<TaskDefinition> WithIncluded(IEnumerable<TaskDefinition> tasks) =>
        tasks.SelectMany(t => t.Include is { } include ? WithIncluded(include.Preview).Prepend(t) : [t]);
}
