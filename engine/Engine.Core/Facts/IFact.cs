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
}
