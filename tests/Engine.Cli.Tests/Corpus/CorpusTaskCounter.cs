using YamlDotNet.RepresentationModel;

namespace Converge.Cli.Tests.Corpus;

/// <summary>
/// Counts the tasks of a corpus case by reading its YAML directly, independent of the engine's loader, so
/// that a task the loader never reaches still counts (as not runnable) instead of silently vanishing.
/// Tasks are the entries of a play's task lists and of every task file of every role in the case; a block
/// is not a task, its entries are.
/// </summary>
internal static class CorpusTaskCounter
{
    private static readonly string[] TaskFolders = ["tasks", "handlers"];

    private static readonly string[] TaskLists = ["pre_tasks", "tasks", "post_tasks", "handlers"];
    private static readonly string[] BlockLists = ["block", "rescue", "always"];

    public static IReadOnlyList<CorpusTask> Count(string caseDirectory)
    {
        var tasks = new List<CorpusTask>();
        var playbook = Path.Combine(caseDirectory, "playbook.yml");
        if (Read(playbook) is YamlSequenceNode plays)
        {
            foreach (var play in plays.Children.OfType<YamlMappingNode>())
            {
                foreach (var (key, value) in play.Children)
                {
                    if (TaskLists.Contains(((YamlScalarNode)key).Value))
                    {
                        Walk(playbook, value, tasks);
                    }
                }
            }
        }

        var roles = Path.Combine(caseDirectory, "roles");
        var files = Directory.Exists(roles)
            ? Directory.EnumerateDirectories(roles).SelectMany(role => TaskFolders
                .Select(folder => Path.Combine(role, folder))
                .Where(Directory.Exists)
                .SelectMany(folder => Directory.EnumerateFiles(folder, "*.yml", SearchOption.AllDirectories)))
            : [];
        foreach (var file in files.Order(StringComparer.Ordinal))
        {
            if (Read(file) is { } root)
            {
                Walk(file, root, tasks);
            }
        }

        return tasks;
    }

    private static void Walk(string file, YamlNode node, List<CorpusTask> into)
    {
        if (node is not YamlSequenceNode sequence)
        {
            return;
        }

        foreach (var task in sequence.Children.OfType<YamlMappingNode>())
        {
            var keys = task.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? string.Empty).ToList();
            if (keys.Any(BlockLists.Contains))
            {
                foreach (var list in BlockLists)
                {
                    if (task.Children.TryGetValue(new YamlScalarNode(list), out var children))
                    {
                        Walk(file, children, into);
                    }
                }

                continue;
            }

            into.Add(new CorpusTask(file, (int)task.Start.Line, LastLine(task), keys.FirstOrDefault(k => !Keywords.Contains(k) && !k.StartsWith("with_", StringComparison.Ordinal))));
        }
    }

    /// <summary>
    /// The last line a node's text reaches. YamlDotNet ends a block mapping or sequence where its end event was
    /// read, which is not the line of its last value, so the end is taken from the deepest last child.
    /// </summary>
    private static int LastLine(YamlNode node) => node switch
    {
        YamlMappingNode { Children.Count: > 0 } mapping => Math.Max((int)mapping.Start.Line, mapping.Children.Max(c => Math.Max(LastLine(c.Key), LastLine(c.Value)))),
        YamlSequenceNode { Children.Count: > 0 } sequence => Math.Max((int)sequence.Start.Line, sequence.Children.Max(LastLine)),
        _ => Math.Max((int)node.Start.Line, (int)node.End.Line),
    };

    private static YamlNode? Read(string path)
    {
        using var reader = new StreamReader(path);
        var stream = new YamlStream();
        stream.Load(reader);
        return stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
    }

    private static readonly HashSet<string> Keywords =
    [
        "name", "when", "loop", "loop_control", "register", "notify", "listen", "tags", "ignore_errors", "changed_when",
        "failed_when", "until", "retries", "delay", "vars", "become", "become_user", "become_method", "become_flags",
        "args", "environment", "delegate_to", "delegate_facts", "run_once", "no_log", "check_mode", "diff", "throttle",
        "connection", "remote_user", "timeout", "any_errors_fatal", "ignore_unreachable", "debugger", "module_defaults",
        "collections",
    ];
}
