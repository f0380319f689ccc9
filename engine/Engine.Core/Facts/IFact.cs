using Converge.Core.Connections;

namespace Converge.Core.Facts;

/// <summary>
/// A fact without its value type, so facts of different types can be prefetched in one batch
/// (<see cref="FactCache.PrefetchAsync"/>) and declared by modules (<see cref="Modules.IModule.FactsOf"/>).
/// Implemented by <see cref="Fact{T}"/>; implement that, not this.
/// </summary>
public interface IFact
{
    /// <summary>The read-only probe command.</summary>
    CommandSpec Command { get; }

    /// <summary>The cache key: equal keys give equal values.</summary>
    string Key { get; }

    /// <summary>Parses the probe's output into the fact's value.</summary>
    object? ParseResult(CommandResult result);

    /// <summary>
    /// The paths the value depends on, when the probe's result shows each of them to be canonical on the host: an
    /// absolute path with no symlink, <c>.</c> or <c>..</c> in it, naming a directory, a file no other name shares
    /// (one link), or nothing in an existing directory. A change that declares its paths
    /// (<see cref="PathChange"/>) then drops the fact only when it touched one of them, an ancestor or a
    /// descendant. Null (the default): any change on the host may change the value.
    /// </summary>
    IReadOnlyList<PathRead>? PathsRead(CommandResult result);
}
