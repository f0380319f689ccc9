using Converge.Core.Connections;
using Converge.Core.Facts;

namespace Converge.Modules.Common;

/// <summary>
/// The stat of one path (not following a final symlink), null when it does not exist: the same probe and
/// parser as <see cref="IConnection.StatAsync"/>, as a fact so a guard can be prefetched with other facts.
/// </summary>
public sealed class PathStatFact(string path) : Fact<FileStat?>
{
    public override CommandSpec Command { get; } = StatCommand.For(path);

    public override FileStat? Parse(CommandResult result) => StatCommand.Parse(path, result);
}
