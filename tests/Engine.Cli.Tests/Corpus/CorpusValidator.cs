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
        IReadOnlyList<TaskDefinition> included, elsewhere;
        try
        {
            var run = new RunLoader(modules, BuiltinCatalog.Planners(), new TemplateEngine()).Load(new RunRequest
            {
                Playbook = playbookPath,
                Inventories = [Path.Combine(directory, "inventory.yml")],
            });
            (unreached, included, elsewhere) = (run.Unreached, run.IncludedBeforeRun, run.IncludedElsewhere);
        }
        catch (ConfigurationException e)
        {
            loads = false;
            diagnostics = e.Diagnostics;
            (unreached, included, elsewhere) = (e.Unreached, e.IncludedBeforeRun, e.IncludedElsewhere);
        }

        var reached = new DiagnosticBag();
        var playbook = new PlaybookLoader([.. modules.Names]).Load(playbookPath, reached);
        var definitions = (playbook?.Plays.SelectMany(p => WithIncluded(p.Tasks.Concat(p.Handlers))) ?? []).Concat(WithIncluded(included)).Concat(WithIncluded(elsewhere)).Select(t => (t.Span.File, t.Span.Line)).ToHashSet();
        var tasks = CorpusTaskCounter.Count(directory);

        // A task whose diagnostics were held back because no host reaches it is neither runnable nor blocked: its own count.
        var heldBack = unreached.Tasks.Select(t => (t.Span.File, t.Span.Line)).ToHashSet();
        var notReached = tasks.Where(t => heldBack.Contains((t.File, t.StartLine))).ToList();
        var runnable = tasks
            .Where(t => definitions.Contains((t.File, t.StartLine)) || (IsStructure(t) && Reached(t.File, definitions)))
            .Where(t => !diagnostics.Any(d => t.Contains(d.Span.File, d.Span.Line)))
            .Except(notReached)
            .ToList();
        var other = WithIncluded(elsewhere).Select(t => (t.Span.File, t.Span.Line)).ToHashSet();
        return new CorpusResult(name, loads, tasks, runnable, diagnostics) { NotReached = notReached, RunnableElsewhere = [.. runnable.Where(t => other.Contains((t.File, t.StartLine)))] };
    }

    /// <summary>
    /// An import or an include read at load is not a task of its own once expanded (its tasks are): it counts as runnable
    /// when the loader read its file (the playbook, or a role the loader read tasks of) and no diagnostic points inside it.
    /// </summary>
    private static bool IsStructure(CorpusTask task) => task.Module is { } key && CorpusReport.IsStructure(key) && Converge.Core.Playbooks.ModuleNames.WithoutPrefix(key) != "meta";

    private static bool Reached(string file, HashSet<(string File, int Line)> definitions)
    {
        var role = RoleOf(file);
        return role is null ? definitions.Any(d => d.File == file) || Path.GetFileName(file) == "playbook.yml" : definitions.Any(d => RoleOf(d.File) == role);
    }

    /// <summary>The role folder a file is in (<c>…/roles/NAME</c>), or null.</summary>
    private static string? RoleOf(string file)
    {
        var at = file.IndexOf("/roles/", StringComparison.Ordinal);
        return at < 0 ? null : file[..(file.IndexOf('/', at + "/roles/".Length) is var end && end > 0 ? end : file.Length)];
    }

    /// <summary>The tasks and, for a dynamic include whose file is known at load, the tasks it includes (read then too).</summary>
    private static IEnumerable<TaskDefinition> WithIncluded(IEnumerable<TaskDefinition> tasks) =>
        tasks.SelectMany(t => t.Include is { } include ? WithIncluded(include.Preview).Prepend(t) : [t]);
}
