using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Diffs;
using Converge.Core.Facts;
using Converge.Core.Modules;

namespace Converge.Modules.Common;

/// <summary>
/// The synthetic check and apply shared by <c>file</c>, <c>template</c>, <c>copy</c> and <c>line</c>: each
/// says what it wants for a path (<see cref="FileSpec"/>); this base reads the path with one
/// <see cref="FileFact"/> probe, compares state, content (by sha256, with a unified diff), mode, owner and
/// group, and changes only what differs (content through the connection's atomic write).
/// </summary>
public abstract partial class FileStateModule<TParams> : StateModule<TParams, PathState>
    where TParams : class
{
    private static readonly IReadOnlyList<StateProperty<PathState>> Compared =
    [
        new("state", s => s.Kind),
        new("content", s => s.Sha256)
        {
            Display = hash => "sha256:" + hash[..Math.Min(12, hash.Length)],
            Diff = (actual, desired) => desired.Text is null || (actual.Sha256 is not null && actual.Text is null)
                ? null
                : UnifiedDiff.Create(actual.Text, desired.Text, "before: " + actual.Path, "after: " + (desired.Label ?? desired.Path)),
        },
        new("mode", s => s.Mode),
        new("owner", s => s.Owner),
        new("group", s => s.Group),
        new("modification_time", s => s.Modified),
        new("access_time", s => s.Accessed),
    ];

    protected sealed override IReadOnlyList<StateProperty<PathState>> Properties => Compared;

    /// <summary>What the module wants for its path; may read the host (only read).</summary>
    protected abstract Task<FileSpec> SpecAsync(ModuleContext context, TParams parameters, CancellationToken ct);

    /// <summary>
    /// The one <see cref="FileFact"/> the check reads, so the runner can prefetch it. Every file module's
    /// subject is the path its <see cref="SpecAsync"/> manages; if one ever differs, the check reads its own path.
    /// </summary>
    public sealed override IReadOnlyList<IFact> FactsOf(TParams parameters) =>
        [new FileFact(Subject(parameters), Follow(parameters), Hashes(parameters)), .. MoreFacts(parameters), .. SelinuxAttributes.FactsOf(parameters)];

    /// <summary>Whether the check compares content, so the file is hashed (a module that never manages content need not read it).</summary>
    protected virtual bool Hashes(TParams parameters) => true;

    /// <summary>Facts <see cref="SpecAsync"/> reads besides the path's stat (e.g. the text an edit starts from).</summary>
    protected virtual IReadOnlyList<IFact> MoreFacts(TParams parameters) => [];

    /// <summary>
    /// Whether a symlink at the path is followed (its target is managed) or managed itself (replaced by the
    /// file, as Ansible's <c>follow: false</c>). Each module documents its choice, matching Ansible's module.
    /// </summary>
    protected virtual bool Follow(TParams parameters) => false;

    protected sealed override async Task<StatePair<PathState>> ReadAsync(ModuleContext context, TParams parameters, CancellationToken ct)
    {
        await SelinuxAttributes.RefuseIfEnabledAsync(context, parameters, Name, ct);
        var spec = await SpecAsync(context, parameters, ct);
        var follow = Follow(parameters);
        var hash = Hashes(parameters);
        var snapshot = await context.Facts.GetAsync(new FileFact(spec.Path, follow, hash), ct);
        if (spec.IntoDirectory is { } name && (snapshot.Stat?.Kind == FileKind.Directory || snapshot.PointsToDirectory))
        {
            spec = spec with { Path = (snapshot.Target ?? spec.Path).TrimEnd('/') + "/" + name, IntoDirectory = null };
            snapshot = await context.Facts.GetAsync(new FileFact(spec.Path, follow, hash), ct);
        }

        if (snapshot.Target is { } target)
        {
            // A followed symlink: its target is what is compared and written; the link stays as it is.
            spec = spec with { Path = target };
        }

        if (!snapshot.Exists && snapshot.ParentMissing && spec.Kind == "file" && !spec.CreateParents && !spec.MustExist)
        {
            // As Ansible's copy/template fail on a missing destination directory; in check mode the runner turns
            // this into an assumed change when an earlier pending change may create the directory.
            throw new TaskFailedException($"{ParentOf(spec.Path)} does not exist, so {spec.Path} cannot be written; create the directory first (file with state: directory)");
        }
        var actual = await ActualAsync(context, spec, snapshot, ct);
        if (spec.ManagesTimes && actual.Kind != "absent" && await context.Facts.GetAsync(new FileTimesFact(spec.Path), ct) is var (modified, accessed))
        {
            actual = actual with { Modified = modified, Accessed = accessed };
        }

        var desired = await DesiredAsync(spec, snapshot, ct);
        return new StatePair<PathState>(actual, desired with { Label = spec.Source, Spec = spec })
        {
            Assumption = spec.MustExist && !snapshot.Exists ? $"{spec.Path} does not exist; assuming an earlier task creates it" : null,
        };
    }

    protected sealed override async Task<string> SetAsync(ModuleContext context, TParams parameters, StateDifference<PathState> difference, CancellationToken ct)
    {
        var (actual, desired) = (difference.Actual, difference.Desired);
        var spec = desired.Spec ?? throw new TaskFailedException($"{Name}: the plan lost its desired state");
        if (spec.MustExist && actual.Kind == "absent")
        {
            throw new TaskFailedException(spec.MissingMessage);
        }

        // The connection drops the facts of what each command and write names (CommandSpec.Changes).
        var message = await SetKindAsync(context, spec, difference, ct);
        await SetTimesAsync(context, spec.Path, difference, ct);
        return message;
    }

    private static async Task<string> SetKindAsync(ModuleContext context, FileSpec spec, StateDifference<PathState> difference, CancellationToken ct)
    {
        var (actual, desired) = (difference.Actual, difference.Desired);
        switch (desired.Kind)
        {
            case "absent":
                await HostCommand.RunAsync(context, CommandSpec.Change("rm", "-rf", "--", spec.Path) with { Changes = [PathChange.Entry(spec.Path)] }, ct);
                return $"removed {spec.Path}";
            case "directory":
                var created = actual.Kind == "absent";
                if (created)
                {
                    await CreateDirectoryAsync(context, spec.Path, desired, ct);
                }
                else
                {
                    await SetAttributesAsync(context, spec.Path, difference, forceAll: false, ct);
                }

                return $"{(created ? "created" : "updated")} {spec.Path} ({string.Join(", ", difference.Properties)})";
            default:
                if (difference.Differs("state") || difference.Differs("content"))
                {
                    if (spec.CreateParents && actual.Kind == "absent")
                    {
                        await HostCommand.RunAsync(context, CommandSpec.Change("mkdir", "-p", "--", ParentOf(spec.Path)) with { Changes = [PathChange.Directory(ParentOf(spec.Path))] }, ct);
                    }

                    await WriteAsync(context, spec, desired, ct);
                    return $"wrote {spec.Path} ({string.Join(", ", difference.Properties)})";
                }

                await SetAttributesAsync(context, spec.Path, difference, forceAll: false, ct);
                return $"updated {spec.Path} ({string.Join(", ", difference.Properties)})";
        }
    }

    private static async Task<PathState> ActualAsync(ModuleContext context, FileSpec spec, FileSnapshot snapshot, CancellationToken ct)
    {
        if (snapshot.Stat is not { } stat)
        {
            return new PathState(spec.Path, "absent");
        }

        var kind = stat.Kind switch
        {
            FileKind.File => "file",
            FileKind.Directory => "directory",
            FileKind.Symlink => "link",
            _ => "other",
        };
        Refuse(spec, kind);
        string? text = null;
        if (spec.Content is not null && kind == "file" && snapshot.Sha256 != spec.Content.Sha256 && stat.Size <= FileContent.DiffLimit)
        {
            // Read the old content only when it differs, to show the diff; in sync costs no read at all.
            var bytes = await context.Connection.ReadFileAsync(spec.Path, null, ct);
            text = bytes is null ? null : FileContent.AsText(bytes);
        }

        return new PathState(spec.Path, kind)
        {
            Sha256 = kind == "file" ? snapshot.Sha256 : null,
            Mode = stat.ModeOctal,
            Owner = IsNumeric(spec.Owner) ? snapshot.Uid : stat.Owner,
            Group = IsNumeric(spec.Group) ? snapshot.Gid : stat.Group,
            Text = text,
        };
    }

    private static async Task<PathState> DesiredAsync(FileSpec spec, FileSnapshot snapshot, CancellationToken ct)
    {
        if (spec.Kind == "absent")
        {
            return new PathState(spec.Path, "absent");
        }

        var isDirectory = spec.Kind == "directory";
        var current = snapshot.Stat?.Mode ?? (isDirectory ? FileModes.DefaultDirectory : FileModes.DefaultFile);
        return new PathState(spec.Path, spec.Kind)
        {
            Sha256 = spec.Content?.Sha256,
            Mode = spec.Mode is null ? null : FileModes.Format(FileModes.Resolve(spec.Mode, current, isDirectory)),
            Owner = spec.Owner,
            Group = spec.Group,
            // Only a content that differs is shown as a diff; in sync, the desired text is neither read nor decoded.
            Text = spec.Content is null || (snapshot.Stat?.Kind == FileKind.File && snapshot.Sha256 == spec.Content.Sha256) ? null : await spec.Content.TextAsync(ct),
            Modified = spec.ModificationTime,
            Accessed = spec.AccessTime,
        };
    }

    /// <summary>A file where a directory is wanted (or the reverse) is not replaced silently: that could destroy data.</summary>
    private static void Refuse(FileSpec spec, string kind)
    {
        if (spec.Kind == "file" && kind == "directory")
        {
            throw new TaskFailedException($"{spec.Path} is a directory, not a file; remove it first (state: absent) if it should be replaced");
        }

        if (spec.Kind == "directory" && kind is not "directory")
        {
            throw new TaskFailedException($"{spec.Path} exists and is a {kind}, not a directory; remove it first (state: absent) if it should be replaced");
        }

        if (spec.Kind == "file" && kind == "link" && spec.Content is null)
        {
            throw new TaskFailedException($"{spec.Path} is a symbolic link; give content to replace it with a file, or remove it first");
        }
    }

    private static string ParentOf(string path) => path.LastIndexOf('/') is > 0 and var slash ? path[..slash] : "/";

    private static bool IsNumeric(string? id) => id is { Length: > 0 } && id.All(char.IsAsciiDigit);
}
