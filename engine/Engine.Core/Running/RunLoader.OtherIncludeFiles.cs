using System.Text.RegularExpressions;
using Converge.Core.Diagnostics;
using Converge.Core.Graph;
using Converge.Core.Playbooks;
using Converge.Core.Templates;
using Converge.Core.Variables;

namespace Converge.Core.Running;

/// <summary>
/// The other files an include named from facts could read (<c>setup-RedHat.yml</c> beside <c>setup-Debian.yml</c> for
/// <c>setup-{{ ansible_os_family }}.yml</c>): no host Converge manages reads them, as no Debian-family host reaches a
/// <c>when: ansible_os_family == 'RedHat'</c> task; they are read and validated all the same, their diagnostics held
/// back (<see cref="UnreachedTasks"/>), so <c>converge validate</c> says what is in them and a mistake there is not
/// silently carried.
/// </summary>
public sealed partial class RunLoader
{
    /// <summary>What an assumed fact renders as when looking for the files a name could give.</summary>
    private const string FactMark = "\u0001";

    private void ValidateOtherFiles(LoadedRun run, GraphNode node, LoopItem item, VariableScope scope, IReadOnlyDictionary<string, object?> vars, HashSet<string> deferred, string chosen, string idPrefix, UnreachedTasks unreached, IncludesBeforeRun result)
    {
        var include = node.Task.Include!;
        if (include.Role is not null || OtherFilePattern(include.Name, vars, deferred) is not { } pattern)
        {
            return;
        }

        var chosenPath = include.TaskFile(chosen);
        var folder = Path.GetDirectoryName(chosenPath);
        if (folder is null || !Directory.Exists(folder))
        {
            return;
        }

        var number = 0;
        var others = Directory.EnumerateFiles(folder).Select(Path.GetFileName).OfType<string>()
            .Where(f => pattern.IsMatch(f) && f != Path.GetFileName(chosenPath)).Order(StringComparer.Ordinal);
        foreach (var file in others)
        {
            var name = Path.Combine(Path.GetDirectoryName(chosen) ?? string.Empty, file);
            var tasks = run.Includes.ExpandInclude(node.Task, name, IncludeScope(node, item), $"{idPrefix}.{number++}", new DiagnosticBag());
            var condition = $"{include.Keyword}: '{include.Name}' names '{file}'";
            Validate(run, [.. tasks.Select(t => new GraphNode(node.Host, node.Play, t) { Scope = t.Scope })], scope, new DiagnosticBag(), unreached, beforeRun: true, condition);
            result.Elsewhere.AddRange(tasks);
        }
    }

    /// <summary>
    /// The file names an include's name gives whatever the facts are: the name rendered with a mark where each fact goes,
    /// the marks read as any text within the file name. Null when the facts are not in the file name's last part.
    /// </summary>
    private Regex? OtherFilePattern(string template, IReadOnlyDictionary<string, object?> vars, HashSet<string> deferred)
    {
        string rendered;
        try
        {
            rendered = templates.RenderValue(template, new KnownVariables(vars, deferred, assumeFacts: true, FactMark))?.ToString() ?? string.Empty;
        }
        catch (Exception e) when (e is UnknownBeforeRunException or ConvergeException)
        {
            return null;
        }

        var file = Path.GetFileName(rendered);
        return file.Contains(FactMark, StringComparison.Ordinal) && !(Path.GetDirectoryName(rendered) ?? string.Empty).Contains(FactMark, StringComparison.Ordinal)
            ? new Regex("^" + string.Join("[^/]*", file.Split(FactMark).Select(Regex.Escape)) + "$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1))
            : null;
    }
}
