using Converge.Core.Connections;
using Converge.Core.Modules;
using Converge.Modules.Common;

namespace Converge.Modules.Files;

/// <summary>
/// <c>file</c> with <c>state: directory</c> and <c>recurse: true</c>: mode, owner and group of everything under the
/// directory, read in one <see cref="TreeFact"/> probe and set with <c>chmod -R</c> / <c>chown -hR</c> only when some
/// path differs. As Ansible, an octal mode applies to files and directories alike (a symbolic mode with <c>X</c>
/// gives directories their search bit); symlinks below keep their mode and get owner and group on the link itself.
/// </summary>
public static class RecurseCheck
{
    /// <summary>One change per property that some path under the directory lacks, naming how many and the first few.</summary>
    public static async Task<IReadOnlyList<Change>> ChangesAsync(ModuleContext context, FileParams p, CancellationToken ct)
    {
        var tree = await context.Facts.GetAsync(new TreeFact(p.Path, hash: false), ct);
        var entries = tree.Entries.Values.OrderBy(e => e.Path, StringComparer.Ordinal).ToList();
        var changes = new List<Change>();
        if (p.Mode is { } mode)
        {
            Add(changes, p.Path, "mode", mode, entries.Where(e => e.Type != 'l' && FileModes.Format(FileModes.Resolve(mode, e.Mode, e.IsDirectory)) != e.ModeOctal));
        }

        if (p.Owner is { } owner)
        {
            Add(changes, p.Path, "owner", owner, entries.Where(e => owner != (IsNumeric(owner) ? e.Uid : e.Owner)));
        }

        if (p.Group is { } group)
        {
            Add(changes, p.Path, "group", group, entries.Where(e => group != (IsNumeric(group) ? e.Gid : e.Group)));
        }

        return changes;
    }

    public static async Task ApplyAsync(ModuleContext context, FileParams p, CancellationToken ct)
    {
        if (p.Mode is { } mode)
        {
            await HostCommand.RunAsync(context, CommandSpec.Change("chmod", "-R", mode, "--", p.Path), ct);
        }

        if (p.Owner is not null || p.Group is not null)
        {
            await HostCommand.RunAsync(context, CommandSpec.Change("chown", "-hR", p.Owner + (p.Group is null ? string.Empty : ":" + p.Group), "--", p.Path), ct);
        }

        context.Facts.Invalidate<TreeFact>();
    }

    private static void Add(List<Change> changes, string root, string property, string want, IEnumerable<TreeEntry> differing)
    {
        var list = differing.ToList();
        if (list.Count > 0)
        {
            var examples = string.Join(", ", list.Take(3).Select(e => e.Path)) + (list.Count > 3 ? ", …" : string.Empty);
            changes.Add(new Change($"{root}/**: {property}", $"{list.Count} path(s) differ ({examples})", want));
        }
    }

    private static bool IsNumeric(string id) => id.Length > 0 && id.All(char.IsAsciiDigit);
}
