using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Modules;
using Converge.Modules.Common;

namespace Converge.Modules.Copy;

/// <summary>
/// The check and apply of a copy made of several paths (a directory from the controller or the host) or done on the
/// host (<c>remote_src</c>): every destination path is read with the batched <see cref="FileFact"/> (one probe for the
/// whole tree), compared by kind, sha256, mode, owner and group, and only what differs is created, written or changed.
/// </summary>
public static class CopyTree
{
    public static async Task<Plan> CheckAsync(ModuleContext context, CopyParams p, IReadOnlyList<CopyItem> items, string root, CancellationToken ct)
    {
        await context.Facts.PrefetchAsync([.. items.Select(i => new FileFact(i.Dest))], ct);
        var changes = new List<Change>();
        var (create, write, attributes) = (new List<CopyItem>(), new List<CopyItem>(), new List<CopyItem>());
        foreach (var item in items)
        {
            var snapshot = await context.Facts.GetAsync(new FileFact(item.Dest), ct);
            var kind = snapshot.Stat?.Kind;
            if (kind is null)
            {
                changes.Add(new Change($"{item.Dest}: state", null, item.IsDirectory ? "directory" : "file"));
                (item.IsDirectory ? create : write).Add(item);
                continue;
            }

            if (item.IsDirectory != (kind == FileKind.Directory || snapshot.PointsToDirectory))
            {
                throw new TaskFailedException($"{item.Dest} is {(item.IsDirectory ? "not a directory" : "a directory")}, so the copy cannot put a {(item.IsDirectory ? "directory" : "file")} there; remove it first (file with state: absent)");
            }

            if (!item.IsDirectory && !p.Force)
            {
                continue;
            }

            var differs = Compare(item, p, snapshot).ToList();
            changes.AddRange(differs);
            if (differs.Any(c => c.Path.EndsWith(": content", StringComparison.Ordinal)))
            {
                write.Add(item);
            }
            else if (differs.Count > 0)
            {
                attributes.Add(item);
            }
        }

        var output = new Dictionary<string, object?>(StringComparer.Ordinal) { ["dest"] = root, ["src"] = p.Src };
        return changes.Count == 0
            ? Plan.InSync($"{root}: {items.Count} path(s) as in {p.Src}") with { Output = output }
            : Plan.Drift(changes) with { State = new CopyWork(create, write, attributes), Output = output };
    }

    public static async Task<ApplyResult> ApplyAsync(ModuleContext context, CopyParams p, Plan plan, CopyWork work, CancellationToken ct)
    {
        try
        {
            if (work.Create.Count > 0)
            {
                await HostCommand.RunAsync(context, CommandSpec.Change("mkdir", ["-p", "--", .. work.Create.Select(i => i.Dest)]), ct);
            }

            foreach (var item in work.Create)
            {
                if (item.Mode is null && item.CreateMode is { } mode)
                {
                    await HostCommand.RunAsync(context, CommandSpec.Change("chmod", mode, "--", item.Dest), ct);
                }

                // A directory the copy creates gets the task's owner and group, even dest itself (as Ansible's makedirs).
                await SetAttributesAsync(context, item, p, ct);
            }

            foreach (var item in work.Write)
            {
                await WriteAsync(context, item, p, ct);
            }

            foreach (var item in work.Attributes)
            {
                await SetAttributesAsync(context, item, p, ct);
            }
        }
        finally
        {
            context.Facts.Invalidate<FileFact>();
        }

        return new ApplyResult($"created {work.Create.Count}, wrote {work.Write.Count}, updated {work.Attributes.Count} path(s)") { Output = plan.Output };
    }

    private static IEnumerable<Change> Compare(CopyItem item, CopyParams p, FileSnapshot snapshot)
    {
        var stat = snapshot.Stat!;
        if (!item.IsDirectory && (stat.Kind != FileKind.File || snapshot.Sha256 != item.Sha256))
        {
            yield return new Change($"{item.Dest}: content", Short(snapshot.Sha256), Short(item.Sha256));
        }

        if (!item.Managed)
        {
            yield break;
        }

        if (item.Mode is { } mode && FileModes.Format(FileModes.Resolve(mode, stat.Mode, item.IsDirectory)) is var want && want != stat.ModeOctal)
        {
            yield return new Change($"{item.Dest}: mode", stat.ModeOctal, want);
        }

        if (p.Owner is { } owner && owner != (IsNumeric(owner) ? snapshot.Uid : stat.Owner))
        {
            yield return new Change($"{item.Dest}: owner", stat.Owner, owner);
        }

        if (p.Group is { } group && group != (IsNumeric(group) ? snapshot.Gid : stat.Group))
        {
            yield return new Change($"{item.Dest}: group", stat.Group, group);
        }
    }

    private static async Task WriteAsync(ModuleContext context, CopyItem item, CopyParams p, CancellationToken ct)
    {
        if (item.LocalPath is { } local)
        {
            if (p.Validate is { } validate)
            {
                var content = await FileContent.FromLocalFileAsync(local, ct);
                await FileValidation.RunAsync(context, new FileSpec(item.Dest, "file") { Content = content }, validate, ct);
            }

            var options = new FileWriteOptions
            {
                Mode = item.Mode is null ? null : FileModes.Resolve(item.Mode, FileModes.DefaultFile, isDirectory: false),
                Owner = p.Owner,
                Group = p.Group,
                Backup = p.Backup,
            };
            await context.Connection.UploadAsync(local, item.Dest, options, ct);
            return;
        }

        // On the host: a copy beside the destination, then one rename. In a tree the source's mode and times are kept (as
        // shutil.copytree); a single file is new content in the destination's own mode, or the umask's when it is new (as
        // Ansible 2.14's copy with remote_src).
        const string Copy = """
            t="$(dirname -- "$2")/.converge-copy-$$"
            if [ "$3" = preserve ]; then cp --preserve=mode,timestamps -- "$1" "$t"
            else cat -- "$1" > "$t" && { [ ! -e "$2" ] || { chmod --reference="$2" -- "$t" && chown --reference="$2" -- "$t"; }; }
            fi && mv -f -- "$t" "$2" || { rm -f -- "$t"; exit 1; }
            """;
        if (p.Validate is { } check)
        {
            var words = Command.CommandLineWords.Split(check).Select(w => w.Replace("%s", item.RemotePath!, StringComparison.Ordinal)).ToList();
            await HostCommand.RunAsync(context, new CommandSpec(words[0], [.. words.Skip(1)]), ct);
        }

        await HostCommand.RunAsync(context, CommandSpec.Change("/bin/sh", "-c", Copy, "converge-copy", item.RemotePath!, item.Dest, item.PreserveMode ? "preserve" : "content"), ct);
        await SetAttributesAsync(context, item, p, ct);
    }

    private static async Task SetAttributesAsync(ModuleContext context, CopyItem item, CopyParams p, CancellationToken ct)
    {
        if (item.Mode is { } mode)
        {
            await HostCommand.RunAsync(context, CommandSpec.Change("chmod", mode, "--", item.Dest), ct);
        }

        if (p.Owner is not null || p.Group is not null)
        {
            await HostCommand.RunAsync(context, CommandSpec.Change("chown", p.Owner + (p.Group is null ? string.Empty : ":" + p.Group), "--", item.Dest), ct);
        }
    }

    private static string? Short(string? hash) => hash is null ? null : "sha256:" + hash[..Math.Min(12, hash.Length)];

    private static bool IsNumeric(string id) => id.Length > 0 && id.All(char.IsAsciiDigit);
}
