using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Modules;
using Converge.Modules.Common;

namespace Converge.Modules.Files;

/// <summary>
/// <c>file</c> with <c>state: link</c> (a symlink whose text is <c>src</c>, compared as readlink prints it, as Ansible
/// compares) or <c>state: hard</c> (the same inode as <c>src</c>). A regular file or an empty place is replaced
/// (a file only with <c>force</c>, for a symlink, as Ansible); a directory is never replaced. A missing <c>src</c> fails
/// unless <c>force</c> (a dangling symlink on purpose). Owner and group are set on the link itself (<c>chown -h</c>);
/// <c>mode</c> is set on what the link names, as Ansible's file (which follows by default) sets it on Linux.
/// </summary>
public static class LinkCheck
{
    public static async Task<Plan> CheckAsync(ModuleContext context, FileParams p, CancellationToken ct)
    {
        var state = await context.Facts.GetAsync(new LinkFact(p.Path, p.Src!), ct);
        var output = new Dictionary<string, object?>(StringComparer.Ordinal) { ["path"] = p.Path, ["dest"] = p.Path, ["src"] = p.Src, ["state"] = p.State };
        if (state.SourceInode is null && (p.State == "hard" || !p.Force))
        {
            throw new TaskFailedException($"src file does not exist, use \"force=yes\" if you really want to create the link: {p.Src}");
        }

        if (state.Kind == "directory" && (p.State == "hard" || state.Target is null))
        {
            throw new TaskFailedException($"{p.Path} is a directory; remove it first (state: absent) if it should become a link");
        }

        var inSync = p.State == "link" ? state.Target == p.Src : state.Kind == "file" && state.Inode == state.SourceInode;
        var mode = ModeChange(p, state);
        if (inSync)
        {
            return mode is null
                ? Plan.InSync($"{p.Path} is a {(p.State == "link" ? "symlink to" : "hard link of")} {p.Src}") with { Output = output }
                : Plan.Drift(mode) with { Output = output };
        }

        if (p.State == "link" && state.Kind is "file" or "other" && !p.Force)
        {
            throw new TaskFailedException($"refusing to convert from {state.Kind} to symlink for {p.Path}; set force: true to replace it");
        }

        var before = state.Kind switch { "link" => "link → " + state.Target, "absent" => null, var kind => kind };
        var after = (p.State == "link" ? "link → " : "hard link of ") + p.Src;
        return Plan.Drift([new Change($"{p.Path}: state", before, after), .. mode is null ? Array.Empty<Change>() : [mode]]) with { Output = output };
    }

    /// <summary>The source's mode when <c>mode</c> asks for another (a missing source has none to change yet: it is set once it exists).</summary>
    private static Change? ModeChange(FileParams p, LinkState state)
    {
        if (p.Mode is null || state.SourceMode is not { } current)
        {
            return null;
        }

        var wanted = FileModes.Resolve(p.Mode, current, state.SourceIsDirectory);
        return wanted == (current & 0xFFF) ? null : new Change($"{ResolveSource(p)}: mode", FileModes.Format(current), FileModes.Format(wanted));
    }

    public static async Task<ApplyResult> ApplyAsync(ModuleContext context, FileParams p, Plan plan, CancellationToken ct)
    {
        // ln -f replaces the old name in one step; -n keeps a symlink to a directory from being followed into.
        var ln = p.State == "link" ? CommandSpec.Change("ln", "-sfn", "--", p.Src!, p.Path) : CommandSpec.Change("ln", "-f", "--", ResolveSource(p), p.Path);
        if (plan.Changes.Any(c => c.Path == $"{p.Path}: state"))
        {
            await HostCommand.RunAsync(context, ln, ct);
        }

        if (p.Mode is not null && plan.Changes.FirstOrDefault(c => c.Path == $"{ResolveSource(p)}: mode") is { After: { } mode })
        {
            await HostCommand.RunAsync(context, CommandSpec.Change("chmod", mode, "--", ResolveSource(p)), ct);
        }

        if (p.Owner is not null || p.Group is not null)
        {
            await HostCommand.RunAsync(context, CommandSpec.Change("chown", "-h", p.Owner + (p.Group is null ? string.Empty : ":" + p.Group), "--", p.Path), ct);
        }

        return new ApplyResult($"{p.Path} → {p.Src}") { Output = plan.Output };
    }

    private static string ResolveSource(FileParams p) =>
        p.Src!.StartsWith('/') ? p.Src : (Path.GetDirectoryName(p.Path) ?? "/") + "/" + p.Src;
}
