using Converge.Core.Connections;
using Converge.Core.Facts;

namespace Converge.Modules.Common;

/// <summary>
/// The stat of one path (not following a final symlink), null when it does not exist, as a fact so a guard can be
/// prefetched with other facts. Read by <see cref="FileFact"/>'s probe without hashing (built-ins and one
/// <c>stat</c>), so a change to another path does not drop it (<see cref="IFact.PathsRead"/>).
/// </summary>
public sealed class PathStatFact(string path) : Fact<FileStat?>
{
    private readonly FileFact _file = new(path, follow: false, hash: false);

    public override CommandSpec Command => _file.Command;

    public override FileStat? Parse(CommandResult result) => _file.Parse(result).Stat;

    public override IReadOnlyList<PathRead>? PathsRead(CommandResult result) => _file.PathsRead(result);
}
