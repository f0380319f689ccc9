namespace Converge.Core.Running;

/// <summary>
/// One item of a task's loop (or the task's single run: <see cref="None"/>): the item, the variables it brings
/// (the <c>loop_var</c>, <c>ansible_loop_var</c>, the <c>index_var</c>, <c>ansible_loop</c>), which Ansible also
/// copies into the item's registered result, and the label shown for it.
/// </summary>
internal sealed record LoopItem(bool HasItem, object? Item)
{
    public static LoopItem None { get; } = new(false, null);

    public IReadOnlyDictionary<string, object?> Variables { get; init; } = new Dictionary<string, object?>();

    public string Label { get; init; } = string.Empty;
}
