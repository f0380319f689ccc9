using Converge.Core.Connections;

namespace Converge.Core.Facts;

/// <summary>
/// A fact whose probes can be read together by one command: <see cref="FactCache.PrefetchAsync"/> sends the facts of
/// one <see cref="BatchKind"/> (and one become) as a single probe instead of one each, so a batch of N file facts
/// costs a constant number of processes on the host, not a few per fact. Each kind costs its own programs, so one
/// kind should cover every variant its batch command can read (<c>FileFact</c>: hashed, unhashed and followed paths
/// are one kind, each path's variant passed to the script, one <c>stat</c> for all).
/// </summary>
public interface IBatchedFact : IFact
{
    /// <summary>Facts of the same kind share a batch; the batch command reads each fact as that fact's own command would.</summary>
    string BatchKind { get; }

    /// <summary>One read-only command reading every fact in <paramref name="facts"/> (all of this kind).</summary>
    CommandSpec BatchCommand(IReadOnlyList<IBatchedFact> facts);

    /// <summary>
    /// Splits the batch command's result into what each fact's own <see cref="IFact.Command"/> would have returned,
    /// in order; null when the batch cannot be split (the facts are then read one by one).
    /// </summary>
    IReadOnlyList<CommandResult>? SplitBatch(IReadOnlyList<IBatchedFact> facts, CommandResult result);
}
