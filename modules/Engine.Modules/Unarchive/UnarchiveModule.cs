using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Facts;
using Converge.Core.Modules;
using Converge.Modules.Common;
using FluentValidation;

namespace Converge.Modules.Unarchive;

/// <summary>
/// <c>unarchive</c>: idempotent by listing, as Ansible's. The archive's members (listed and hashed on the controller, or
/// on the host with <c>remote_src</c>, in the host's batch) are compared with what <c>dest</c> holds (one batched file
/// probe): every member present, each file with the same sha256, and the task's mode, owner and group. Only when something
/// differs is the archive extracted (a controller archive is uploaded into a private temporary folder first).
/// </summary>
public sealed class UnarchiveModule : WorkModule<UnarchiveParams, IReadOnlyList<ArchiveMember>>
{
    public override string Name => "unarchive";

    protected override IValidator<UnarchiveParams> ParamsValidator => ParamsValidators.Of<UnarchiveParamsValidator>();

    public override IReadOnlyList<IFact> FactsOf(UnarchiveParams p) =>
    [
        new FileFact(p.Dest),
        .. p.Creates is { } creates ? [new PathStatFact(creates)] : Array.Empty<IFact>(),
        .. p.OnHost ? [new ArchiveListingFact(p.Src, ArchiveFormat.StripComponents(p.ExtraOpts))] : Array.Empty<IFact>(),
    ];

    public override async Task<Plan> CheckAsync(ModuleContext context, UnarchiveParams p, CancellationToken ct)
    {
        var output = new Dictionary<string, object?>(StringComparer.Ordinal) { ["dest"] = p.Dest, ["src"] = p.Src, ["handler"] = ArchiveFormat.IsZip(p.Src) ? "ZipArchive" : "TgzArchive" };
        if (p.Creates is { } creates && await context.Facts.GetAsync(new PathStatFact(creates), ct) is not null)
        {
            return Plan.InSync($"skipped, since {creates} exists") with { Output = output };
        }

        var dest = await context.Facts.GetAsync(new FileFact(p.Dest), ct);
        var members = p.OnHost
            ? await context.Facts.GetAsync(new ArchiveListingFact(p.Src, ArchiveFormat.StripComponents(p.ExtraOpts)), ct)
            : await ControllerArchive.MembersAsync(Local(context, p), p.ExtraOpts, ct);
        if (p.ListFiles)
        {
            output["files"] = members.Select(m => m.IsDirectory ? m.Path + "/" : m.Path).ToList();
        }

        if (dest.Stat is null)
        {
            // As a file module's missing directory: an earlier task may create it, which check mode cannot see; apply fails if not.
            return Plan.Drift(new Change($"{p.Dest}: extracted", null, p.Src), $"{p.Dest} does not exist; assuming an earlier task creates it") with { State = members, Output = output, Assumed = true };
        }

        if (dest.Stat.Kind != FileKind.Directory && !dest.PointsToDirectory)
        {
            throw new TaskFailedException($"dest '{p.Dest}' must be an existing dir");
        }

        var changes = await CompareAsync(context, p, members, ct);
        return changes.Count == 0
            ? Plan.InSync($"{p.Dest}: the {members.Count} member(s) of {p.Src} are in place") with { Output = output }
            : Plan.Drift(changes) with { State = members, Output = output };
    }

    protected override async Task<ApplyResult> ApplyAsync(ModuleContext context, UnarchiveParams p, Plan plan, IReadOnlyList<ArchiveMember> members, CancellationToken ct)
    {
        if (await context.Connection.StatAsync(p.Dest, null, ct) is not { Kind: FileKind.Directory or FileKind.Symlink })
        {
            throw new TaskFailedException($"dest '{p.Dest}' must be an existing dir");
        }

        try
        {
            if (ArchiveListingFact.IsUrl(p.Src))
            {
                // The host downloads the archive again for the extraction (the check's copy is gone), as get_url would.
                var script = ArchiveListingFact.Fetch + "\nshift\n" + "if [ \"${a%.zip}\" != \"$a\" ] || [ \"${a%.ZIP}\" != \"$a\" ]; then unzip -o \"$a\" \"$@\"; else tar --extract -f \"$a\" \"$@\"; fi\n";
                string[] arguments = ArchiveFormat.IsZip(p.Src) ? [.. p.ExtraOpts, "-d", p.Dest] : ["-C", p.Dest, .. p.ExtraOpts];
                await HostCommand.RunAsync(context, CommandSpec.Change("/bin/sh", ["-c", script, "converge-unarchive", p.Src, .. arguments]) with { Timeout = TimeSpan.FromMinutes(10) }, ct);
            }
            else if (p.OnHost)
            {
                await ExtractAsync(context, p, p.Src, ct);
            }
            else
            {
                var folder = (await HostCommand.RunAsync(context, CommandSpec.Change("mktemp", "-d"), ct)).Stdout.Trim();
                try
                {
                    var archive = folder + "/" + Path.GetFileName(p.Src);
                    await context.Connection.UploadAsync(Local(context, p), archive, FileWriteOptions.Default with { Mode = 0b110_000_000 }, ct);
                    await ExtractAsync(context, p, archive, ct);
                }
                finally
                {
                    await context.Connection.RunAsync(CommandSpec.Change("rm", "-rf", "--", folder), ct);
                }
            }

            var paths = members.Select(m => p.Dest.TrimEnd('/') + "/" + m.Path).ToList();
            if (p.Mode is { } mode && paths.Count > 0)
            {
                await HostCommand.RunAsync(context, CommandSpec.Change("chmod", [mode, "--", .. paths]), ct);
            }

            if ((p.Owner is not null || p.Group is not null) && paths.Count > 0)
            {
                await HostCommand.RunAsync(context, CommandSpec.Change("chown", ["-h", p.Owner + (p.Group is null ? string.Empty : ":" + p.Group), "--", .. paths]), ct);
            }
        }
        finally
        {
            context.Facts.Invalidate<FileFact>();
        }

        return new ApplyResult($"extracted {p.Src} into {p.Dest} ({members.Count} member(s))") { Output = plan.Output };
    }

    /// <summary>Every member present in <c>dest</c> with the archive's content and the task's attributes, read in one batched probe.</summary>
    private static async Task<List<Change>> CompareAsync(ModuleContext context, UnarchiveParams p, IReadOnlyList<ArchiveMember> members, CancellationToken ct)
    {
        var facts = members.Select(m => new FileFact(p.Dest.TrimEnd('/') + "/" + m.Path)).ToList();
        await context.Facts.PrefetchAsync(facts, ct);
        var changes = new List<Change>();
        for (var i = 0; i < members.Count; i++)
        {
            var (member, snapshot) = (members[i], await context.Facts.GetAsync(facts[i], ct));
            var path = facts[i].Path;
            if (snapshot.Stat is not { } stat)
            {
                changes.Add(new Change($"{path}: state", null, member.IsDirectory ? "directory" : "file"));
                continue;
            }

            if (!member.IsDirectory && member.Sha256 is not null && snapshot.Sha256 != member.Sha256)
            {
                changes.Add(new Change($"{path}: content", Short(snapshot.Sha256), Short(member.Sha256)));
            }

            if (p.Mode is { } mode && FileModes.Format(FileModes.Resolve(mode, stat.Mode, member.IsDirectory)) is var want && want != stat.ModeOctal)
            {
                changes.Add(new Change($"{path}: mode", stat.ModeOctal, want));
            }

            if (p.Owner is { } owner && owner != (owner.All(char.IsAsciiDigit) ? snapshot.Uid : stat.Owner))
            {
                changes.Add(new Change($"{path}: owner", stat.Owner, owner));
            }

            if (p.Group is { } group && group != (group.All(char.IsAsciiDigit) ? snapshot.Gid : stat.Group))
            {
                changes.Add(new Change($"{path}: group", stat.Group, group));
            }
        }

        return changes;
    }

    /// <summary>Extracts with the tools Ansible's handlers use: <c>unzip -o</c>, or GNU tar (which detects the compression).</summary>
    private static Task<CommandResult> ExtractAsync(ModuleContext context, UnarchiveParams p, string archive, CancellationToken ct) =>
        HostCommand.RunAsync(
            context,
            ArchiveFormat.IsZip(p.Src)
                ? CommandSpec.Change("unzip", ["-o", archive, .. p.ExtraOpts, "-d", p.Dest])
                : CommandSpec.Change("tar", ["--extract", "-C", p.Dest, "-f", archive, .. p.ExtraOpts]),
            ct);

    private static string Local(ModuleContext context, UnarchiveParams p)
    {
        var path = context.ResolveLocalPath(p.Src, "files");
        return File.Exists(path)
            ? path
            : throw new TaskFailedException($"src '{p.Src}' not found: looked in {string.Join(", ", ModuleContext.SearchDirectories(context.PlaybookDirectory, context.Role, "files"))}");
    }

    private static string? Short(string? hash) => hash is null ? null : "sha256:" + hash[..Math.Min(12, hash.Length)];
}
