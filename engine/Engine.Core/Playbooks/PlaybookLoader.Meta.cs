using Converge.Core.Diagnostics;
using Converge.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace Converge.Core.Playbooks;

/// <summary><c>meta:</c> tasks: actions on the run itself, which the runner carries out (<c>Running/MetaStep</c>).</summary>
public sealed partial class PlaybookLoader
{
    /// <summary>The meta actions Converge carries out.</summary>
    internal static readonly string[] MetaActions = ["noop", "flush_handlers", "end_play", "end_host", "clear_facts", "reset_connection"];

    /// <summary>Ansible's other meta actions, each with why Converge does not take it.</summary>
    private static readonly Dictionary<string, string> RefusedMetaActions = new(StringComparer.Ordinal)
    {
        ["refresh_inventory"] = "Converge reads the inventory once, before the run, and validates every task against it; a host added while the play runs would not have been validated. Split the playbook where the inventory changes and run it twice",
        ["end_batch"] = "use end_play (Converge ends the play on every host) or end_host",
        ["end_role"] = "not available in Ansible 2.14 either; use end_host or a when: on the role's tasks",
    };

    private static readonly string[] MetaKeys = ["meta", "name", "when", "tags"];

    private static TaskDefinition? LoadMeta(YamlReader reader, YamlMappingNode node, TaskContext context, bool isHandler)
    {
        var task = new TaskBuilder();
        YamlNode? actionNode = null;
        string? action = null;
        foreach (var (keyNode, value) in node.Children)
        {
            var key = YamlValues.KeyText(keyNode);
            switch (key)
            {
                case "meta" or "ansible.builtin.meta" or "ansible.legacy.meta":
                    actionNode = value;
                    action = reader.String(value, "meta");
                    break;
                case "name": task.Name = reader.String(value, key); break;
                case "when": task.When = Condition(reader, value, key); break;
                case "tags": task.Tags = [.. reader.Strings(value, key).Select(s => s.Value)]; break;
                default:
                    reader.Error(keyNode, $"meta: '{key}' is not taken beside it; a meta task has {string.Join(", ", MetaKeys)}");
                    break;
            }
        }

        if (action is null || actionNode is null)
        {
            return null;
        }

        if (RefusedMetaActions.TryGetValue(action, out var refusal))
        {
            reader.Error(actionNode, $"meta: {action} is not supported: {refusal}");
            return null;
        }

        if (!MetaActions.Contains(action))
        {
            reader.Error(actionNode, $"meta: unknown action '{action}'{NameSuggestion.DidYouMean(action, MetaActions)}; Converge carries out {string.Join(", ", MetaActions)}");
            return null;
        }

        return task.Build(context.Play.NextId(isHandler), task.Name ?? $"meta: {action}", "meta", actionNode, reader.File, reader.Span(node), reader.Span(actionNode), context.Play.Index, isHandler) with
        {
            Meta = action,
            Scope = context.Scope,
            Tags = [.. context.Tags, .. task.Tags],
        };
    }

    /// <summary>
    /// The flush Ansible does between a play's sections (after pre_tasks, after roles and tasks): a
    /// <c>meta: flush_handlers</c> of the loader's own, where the graph puts the handlers notified before it.
    /// </summary>
    private static TaskDefinition ImplicitFlush(PlayBuilder play, string after, string file, SourceSpan span) => new()
    {
        Id = play.NextId(isHandler: false),
        Name = $"flush handlers after {after}",
        Module = "meta",
        Meta = "flush_handlers",
        Params = null,
        File = file,
        Span = span,
        ModuleSpan = span,
        PlayIndex = play.Index,
    };
}
