using Converge.Core.Playbooks;

namespace Converge.Core.Graph;

/// <summary><c>--tags</c> and <c>--skip-tags</c>, with Ansible's special tags <c>always</c> and <c>never</c>.</summary>
public sealed record TaskFilter(IReadOnlyList<string> Tags, IReadOnlyList<string> SkipTags)
{
    public static TaskFilter All { get; } = new([], []);

    public bool Selects(Play play, TaskDefinition task)
    {
        var tags = play.Tags.Concat(task.Tags).ToHashSet(StringComparer.Ordinal);
        if (SkipTags.Any(tags.Contains))
        {
            return false;
        }

        if (tags.Contains("always"))
        {
            return true;
        }

        if (Tags.Count == 0 || Tags.Contains("all"))
        {
            return !tags.Contains("never");
        }

        return Tags.Any(tags.Contains) || (Tags.Contains("untagged") && tags.Count == 0);
    }
}
