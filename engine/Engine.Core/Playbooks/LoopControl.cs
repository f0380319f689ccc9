namespace Converge.Core.Playbooks;

/// <summary>
/// A task's <c>loop_control</c>: the names its loop variables go by, the label shown for each item, the pause
/// between items, and whether <c>ansible_loop</c> (index, first, last, previtem, …) is set.
/// </summary>
public sealed record LoopControl
{
    public static LoopControl Default { get; } = new();

    /// <summary>The variable that holds the item (Ansible's default <c>item</c>).</summary>
    public string LoopVar { get; init; } = "item";

    /// <summary>A variable that holds the item's 0-based index, when set.</summary>
    public string? IndexVar { get; init; }

    /// <summary>A template shown for each item instead of the whole item.</summary>
    public string? Label { get; init; }

    /// <summary>Seconds to wait between items.</summary>
    public double Pause { get; init; }

    /// <summary>Whether each item sees <c>ansible_loop</c>.</summary>
    public bool Extended { get; init; }

    /// <summary>Whether <c>ansible_loop.allitems</c> is set when <see cref="Extended"/> (Ansible's default: yes).</summary>
    public bool ExtendedAllItems { get; init; } = true;
}
