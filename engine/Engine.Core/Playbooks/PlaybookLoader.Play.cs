using Converge.Core.Diagnostics;
using Converge.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace Converge.Core.Playbooks;

/// <summary>One play: its keywords, then its sections in Ansible's order (pre_tasks, roles, tasks, post_tasks).</summary>
public sealed partial class PlaybookLoader
{
    private Play? LoadPlay(YamlReader reader, YamlMappingNode node, int index, ImportedPlaybook? import)
    {
        string? name = null;
        string? hosts = null;
        var hostsSpan = reader.Span(node);
        var vars = new Dictionary<string, object?>(import?.Vars ?? new Dictionary<string, object?>(), StringComparer.Ordinal);
        var varsFiles = new List<string>();
        var prompts = new List<VarsPrompt>();
        bool? become = null;
        string? becomeUser = null;
        string? serial = null;
        int? throttle = null;
        var tags = new List<string>(import?.Tags ?? []);
        bool? gatherFacts = null;
        string? connection = null;
        var anyErrorsFatal = false;
        double? maxFailPercentage = null;
        IReadOnlyList<string>? gatherSubset = null;
        var sections = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in node.Children)
        {
            var key = YamlValues.KeyText(keyNode);
            switch (key)
            {
                case "name": name = reader.String(value, key); break;
                case "hosts":
                    hosts = value is YamlSequenceNode ? string.Join(':', reader.Strings(value, key).Select(s => s.Value)) : reader.String(value, key);
                    hostsSpan = reader.Span(value);
                    break;
                case "vars":
                    foreach (var (k, v) in reader.Variables(value, key))
                    {
                        vars[k] = v;
                    }

                    break;
                case "vars_files": varsFiles.AddRange(VarsFiles(reader, value)); break;
                case "vars_prompt": prompts.AddRange(Prompts(reader, value)); break;
                case "become": become = reader.Bool(value, key); break;
                case "become_user": becomeUser = reader.String(value, key); break;
                case "serial": serial = Serial(reader, value); break;
                case "throttle": throttle = reader.Int(value, key, 1); break;
                case "tags": tags.AddRange(reader.Strings(value, key).Select(s => s.Value)); break;
                case "gather_facts": gatherFacts = reader.Bool(value, key); break;
                case "connection": connection = reader.String(value, key); break;
                case "any_errors_fatal": anyErrorsFatal = reader.Bool(value, key) ?? false; break;
                case "max_fail_percentage": maxFailPercentage = Percentage(reader, value); break;
                case "gather_subset":
                    gatherSubset = [.. reader.Strings(value, key).Select(s => s.Value)];
                    if (Facts.Gathered.FactSubsets.Parse(gatherSubset, out var unknown) is null)
                    {
                        reader.Error(value, $"gather_subset: unknown subset '{unknown}'{NameSuggestion.DidYouMean(unknown!, [.. Facts.Gathered.FactSubsets.Known])}");
                    }

                    break;
                case "pre_tasks" or "roles" or "tasks" or "post_tasks" or "handlers": sections[key] = value; break;
                default:
                    if (!UnenforcedPlayKeys.Contains(key))
                    {
                        reader.Error(keyNode, $"unknown play key '{key}'{NameSuggestion.DidYouMean(key, PlayKeys.Concat(UnenforcedPlayKeys))}; a play has {string.Join(", ", PlayKeys)}");
                    }

                    break;
            }
        }

        if (hosts is null)
        {
            reader.Error(node, "a play needs 'hosts:' (a host pattern such as 'all', 'web', 'mesh:!builder')");
            return null;
        }

        var play = new PlayBuilder(index);
        var scope = import?.When is null ? TaskScope.Play : new TaskScope { When = import.When };
        var context = new TaskContext(play, scope, [], Path.GetDirectoryName(reader.File)!, null, [reader.File]);
        foreach (var section in new[] { "pre_tasks", "roles", "tasks", "post_tasks", "handlers" })
        {
            if (!sections.TryGetValue(section, out var value))
            {
                continue;
            }

            // Ansible flushes handlers after pre_tasks and after roles and tasks (and at the end of the play, where
            // the graph always puts them): the notified handlers run there, before the next section.
            if ((section == "roles" || (section == "tasks" && !sections.ContainsKey("roles")) || (section == "post_tasks" && !sections.ContainsKey("roles") && !sections.ContainsKey("tasks"))) && sections.TryGetValue("pre_tasks", out var pre))
            {
                play.Tasks.Add(ImplicitFlush(play, "pre_tasks", reader.File, reader.Span(pre)));
            }

            if (section == "post_tasks" && (sections.ContainsKey("roles") || sections.ContainsKey("tasks")))
            {
                play.Tasks.Add(ImplicitFlush(play, "roles and tasks", reader.File, reader.Span(value)));
            }

            switch (section)
            {
                case "roles": LoadRoles(reader, value, context); break;
                case "handlers": LoadTasks(reader, value, context, isHandler: true, section); break;
                default: LoadTasks(reader, value, context, isHandler: false, section); break;
            }
        }

        return new Play
        {
            Index = index,
            Name = name ?? $"play {index + 1}",
            Hosts = hosts,
            Span = reader.Span(node),
            HostsSpan = hostsSpan,
            Vars = vars,
            VarsFiles = varsFiles,
            Prompts = prompts,
            Become = become,
            BecomeUser = becomeUser,
            Tasks = [.. play.Tasks.Select(t => WithPlayKeywords(t, connection, anyErrorsFatal))],
            Handlers = [.. play.Handlers.Select(t => WithPlayKeywords(t, connection, anyErrorsFatal))],
            Serial = serial,
            Throttle = throttle,
            Tags = tags,
            GatherFacts = gatherFacts,
            GatherSubset = gatherSubset,
            MaxFailPercentage = maxFailPercentage,
            RoleDefaults = Merge(play.Roles.Select(r => r.Defaults)),
            RoleVars = Merge(play.Roles.Select(r => r.Vars)),
        };
    }

    /// <summary>The play's <c>connection</c> and <c>any_errors_fatal</c> hold for each task that does not set its own.</summary>
    private static TaskDefinition WithPlayKeywords(TaskDefinition task, string? connection, bool anyErrorsFatal) =>
        connection is null && !anyErrorsFatal ? task : task with { Connection = task.Connection ?? connection, AnyErrorsFatal = task.AnyErrorsFatal || anyErrorsFatal };

    /// <summary>
    /// <c>vars_files</c> entries: a file, or a list of candidates of which the first that exists is read
    /// (Ansible's "first found" form). A candidate list is kept as one entry joined by a newline.
    /// </summary>
    private static IEnumerable<string> VarsFiles(YamlReader reader, YamlNode value)
    {
        if (value is not YamlSequenceNode sequence)
        {
            return reader.Strings(value, "vars_files").Select(s => s.Value);
        }

        return sequence.Children.Select(item => item is YamlSequenceNode candidates
            ? string.Join('\n', reader.Strings(candidates, "vars_files").Select(s => s.Value))
            : reader.String(item, "vars_files") ?? string.Empty);
    }

    private static Dictionary<string, object?> Merge(IEnumerable<IReadOnlyDictionary<string, object?>> layers)
    {
        var merged = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var layer in layers)
        {
            foreach (var (key, value) in layer)
            {
                merged[key] = value;
            }
        }

        return merged;
    }

    /// <summary><c>max_fail_percentage</c>: a number from 0 to 100 (Ansible also accepts <c>"30%"</c>).</summary>
    private static double? Percentage(YamlReader reader, YamlNode value)
    {
        var text = reader.String(value, "max_fail_percentage")?.Trim().TrimEnd('%');
        if (text is not null && double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var percent) && percent is >= 0 and <= 100)
        {
            return percent;
        }

        reader.Error(value, $"'max_fail_percentage' must be a percentage from 0 to 100 (e.g. 30), not '{text}'");
        return null;
    }

    /// <summary>
    /// <c>serial:</c> is a batch size: a whole number of hosts of at least 1 or a percentage above 0 and at most
    /// 100 (a template is checked when rendered). Anything else is an error, not "all hosts at once".
    /// </summary>
    private static string? Serial(YamlReader reader, YamlNode value)
    {
        var text = reader.String(value, "serial")?.Trim();
        if (text is null || text.Contains("{{", StringComparison.Ordinal))
        {
            return text;
        }

        var valid = text.EndsWith('%')
            ? double.TryParse(text[..^1], System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var percent) && percent > 0 && percent <= 100
            : int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count) && count >= 1;
        if (!valid)
        {
            reader.Error(value, $"'serial' must be a number of hosts (at least 1) or a percentage such as '25%' (above 0, at most 100), not '{text}'");
            return null;
        }

        return text;
    }
}
