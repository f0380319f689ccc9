using Converge.Core.Connections;
using Converge.Core.Facts;

namespace Converge.Modules.Common;

/// <summary>
/// The stat of one path (not following a final symlink), null when it does not exist, as a fact so a guard can be
/// prefetched with other facts. Read by <see cref="FileFact"/>'s probe without hashing (built-ins and one
/// <c>stat</c>), so a change to another path does not drop it (<see cref="IFact.PathsRead"/>), and batched with the
/// file facts of the same prefetch: a <c>creates:</c> guard costs the host no <c>stat</c> of its own.
/// </summary>
public sealed class PathStatFact(string path) : Fact<FileStat?>, IBatchedFact
{
    /// <summary>The file fact whose probe this fact reads.</summary>
    public FileFact File { get; } = new(path, follow: false, hash: false);

    public override CommandSpec Command => File.Command;

    public string BatchKind => File.BatchKind;

    public CommandSpec BatchCommand(IReadOnlyList<IBatchedFact> facts) => File.BatchCommand(facts);

    public IReadOnlyList<CommandResult>? SplitBatch(IReadOnlyList<IBatchedFact> facts, CommandResult result) => File.SplitBatch(facts, result);

    public override FileStat? Parse(CommandResult result) => File.Parse(result).Stat;

    public override IReadOnlyList<PathRead>? PathsRead(CommandResult result) => File.PathsRead(result);
}
