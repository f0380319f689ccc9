using System.Text;
using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Modules;

namespace Converge.Modules.Common;

/// <summary>The changing half of <see cref="FileStateModule{TParams}"/>.</summary>
public abstract partial class FileStateModule<TParams>
{
    private static async Task WriteAsync(ModuleContext context, FileSpec spec, PathState desired, CancellationToken ct)
    {
        var options = new FileWriteOptions
        {
            Mode = desired.Mode is null ? null : Convert.ToInt32(desired.Mode, 8),
            Owner = spec.Owner,
            Group = spec.Group,
            Backup = spec.Backup,
        };
        try
        {
            if (spec.Validate is { } validate)
            {
                await FileValidation.RunAsync(context, spec, validate, ct);
            }

            if (spec.Content?.LocalPath is { } local)
            {
                await context.Connection.UploadAsync(local, spec.Path, options, ct);
            }
            else
            {
                await context.Connection.WriteFileAsync(spec.Path, spec.Content?.Bytes ?? [], options, ct);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TaskFailedException($"cannot write {spec.Path}: {e.Message}", inner: e);
        }
    }

    /// <summary>Owner and group first, then the mode, as Ansible does: chown clears the set-id bits a mode sets.</summary>
    private static async Task SetAttributesAsync(ModuleContext context, string path, StateDifference<PathState> difference, CancellationToken ct)
    {
        var desired = difference.Desired;
        var owner = desired.Owner is not null && difference.Differs("owner") ? desired.Owner : null;
        var group = desired.Group is not null && difference.Differs("group") ? desired.Group : null;
        if (owner is not null || group is not null)
        {
            await HostCommand.RunAsync(context, CommandSpec.Change("chown", owner + (group is null ? string.Empty : ":" + group), "--", path) with { Changes = [PathChange.Object(path)] }, ct);
        }

        if (desired.Mode is not null && difference.Differs("mode"))
        {
            await HostCommand.RunAsync(context, CommandSpec.Change("chmod", desired.Mode, "--", path) with { Changes = [PathChange.Object(path)] }, ct);
        }
    }

    /// <summary>
    /// Creates a directory with its missing parents in one command (one round trip, built-ins but for mkdir, chown
    /// and chmod) and gives every directory it created the owner, group and mode asked for, as Ansible's file module
    /// does; <c>mkdir -p</c> alone would leave the parents at the umask's mode. The change is the new directory's
    /// entry: what the command touches is that directory, the parents it made, and nothing it could follow.
    /// </summary>
    private static async Task CreateDirectoryAsync(ModuleContext context, string path, PathState desired, CancellationToken ct)
    {
        var target = path.Length > 1 ? path.TrimEnd('/') : path;
        var script = new StringBuilder()
            .Append("p=").Append(ShellQuote.Quote(target)).Append('\n')
            .Append("set --\n")
            .Append("while [ -n \"$p\" ] && [ ! -e \"$p\" ] && [ ! -L \"$p\" ]; do set -- \"$p\" \"$@\"; case $p in */*) p=${p%/*} ;; *) p= ;; esac; done\n")
            .Append("[ $# -gt 0 ] || set -- ").Append(ShellQuote.Quote(target)).Append('\n')
            .Append("mkdir -p -- \"$@\" || exit 1\n");
        if (desired.Owner is not null || desired.Group is not null)
        {
            var (program, who) = desired.Owner is null ? ("chgrp", desired.Group!) : ("chown", desired.Owner + (desired.Group is null ? string.Empty : ":" + desired.Group));
            script.Append(program).Append(' ').Append(ShellQuote.Quote(who)).Append(" -- \"$@\" || exit 1\n");
        }

        if (desired.Mode is not null)
        {
            script.Append("chmod ").Append(ShellQuote.Quote(desired.Mode)).Append(" -- \"$@\" || exit 1\n");
        }

        // Named as Converge's own script (it reads neither $$, $PPID nor $0), so the remote shell runs it without a second sh.
        var command = CommandSpec.Change("/bin/sh", "-c", script.ToString(), "converge-file") with { Changes = [PathChange.Directory(target)] };
        await HostCommand.RunAsync(context, command, $"mkdir -p {target}", ct);
    }

    /// <summary>Times last: writing content or creating the path sets them, so they are set after everything else.</summary>
    private static async Task SetTimesAsync(ModuleContext context, string path, StateDifference<PathState> difference, CancellationToken ct)
    {
        foreach (var (property, flag, value) in new[] { ("modification_time", "-m", difference.Desired.Modified), ("access_time", "-a", difference.Desired.Accessed) })
        {
            if (value is not null && difference.Differs(property))
            {
                var touch = value == FileTimes.Now ? CommandSpec.Change("touch", flag, "-c", "--", path) : CommandSpec.Change("touch", flag, "-c", "-t", value, "--", path);
                await HostCommand.RunAsync(context, touch with { Changes = [PathChange.Object(path)] }, ct);
            }
        }
    }
}
