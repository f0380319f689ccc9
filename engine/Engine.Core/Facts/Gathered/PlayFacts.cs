using Converge.Core.Playbooks;
using YamlDotNet.RepresentationModel;

namespace Converge.Core.Facts.Gathered;

/// <summary>
/// The facts a play gathers: none with <c>gather_facts: false</c>; <c>gather_subset</c> (all by default)
/// with <c>gather_facts: true</c> or a <c>gather_subset</c> of its own; and when the play says neither,
/// only what it references — every string of its tasks and handlers (params, conditions, loops, vars),
/// its vars, the variables of its hosts, and the template files its tasks name (<c>src: x.j2</c>, looked
/// up in <c>templates/</c> and beside the playbook) are scanned for fact names
/// (<see cref="FactSubsets.Referenced"/>). A play that references no fact gathers nothing: no probe.
/// The tasks of a dynamic include count when they were read before the run (the tasks given to <c>For</c>, its name
/// included); one whose tasks are known only at run time may reference any fact, so that play gathers all of them,
/// as Ansible does by default.
/// </summary>
public static class PlayFacts
{
    public static FactSubset For(Play play, string playbookDirectory, IEnumerable<object?> hostVariables, IReadOnlyList<TaskDefinition> included)
    {
        if (play.GatherFacts == false)
        {
            return FactSubset.None;
        }

        if (play.GatherFacts == true || play.GatherSubset is not null)
        {
            return FactSubsets.Parse(play.GatherSubset ?? ["all"], out _) ?? FactSubset.All;
        }

        var tasks = play.Tasks.Concat(play.Handlers).ToList();
        tasks.AddRange(included.Where(t => t.PlayIndex == play.Index));
        tasks.AddRange(tasks.SelectMany(t => t.Include?.Preview ?? []).ToList());
        if (tasks.Any(t => t.Include is { Preview.Count: 0 } && !tasks.Any(i => i.Id.StartsWith(t.Id + ".", StringComparison.Ordinal))))
        {
            return FactSubset.All;
        }

        var subsets = FactSubset.None;
        foreach (var text in Texts(play.Vars, tasks, playbookDirectory).Concat(hostVariables.SelectMany(Strings)))
        {
            subsets |= FactSubsets.Referenced(text);
        }

        return subsets;
    }

    private static IEnumerable<string> Texts(IReadOnlyDictionary<string, object?> playVars, IEnumerable<TaskDefinition> tasks, string playbookDirectory)
    {
        foreach (var value in playVars.Values.SelectMany(Strings))
        {
            yield return value;
        }

        foreach (var task in tasks)
        {
            foreach (var text in new[] { task.When, task.ChangedWhen, task.FailedWhen, task.Until, task.Include?.Name }.OfType<string>())
            {
                yield return text;
            }

            foreach (var value in task.Vars.Values.SelectMany(Strings))
            {
                yield return value;
            }

            foreach (var scalar in new[] { task.Params, task.Loop }.OfType<YamlNode>().SelectMany(n => n.AllNodes).OfType<YamlScalarNode>())
            {
                var text = scalar.Value ?? string.Empty;
                yield return text;
                if (text.EndsWith(".j2", StringComparison.Ordinal) && TemplateFile(text, playbookDirectory) is { } file)
                {
                    yield return file;
                }
            }
        }
    }

    private static string? TemplateFile(string name, string playbookDirectory)
    {
        foreach (var path in new[] { Path.Combine(playbookDirectory, "templates", name), Path.Combine(playbookDirectory, name) })
        {
            if (File.Exists(path))
            {
                try
                {
                    return File.ReadAllText(path);
                }
                catch (IOException)
                {
                    return null;
                }
            }
        }

        return null;
    }

    private static IEnumerable<string> Strings(object? value) => value switch
    {
        string s => [s],
        IEnumerable<KeyValuePair<string, object?>> map => map.SelectMany(p => Strings(p.Value)),
        IEnumerable<object?> list => list.SelectMany(Strings),
        _ => [],
    };
}
