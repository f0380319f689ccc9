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

    private static async Task SetAttributesAsync(ModuleContext context, string path, StateDifference<PathState> difference, bool forceAll, CancellationToken ct)
    {
        var desired = difference.Desired;
        if (desired.Mode is not null && (forceAll || difference.Differs("mode")))
        {
            await HostCommand.RunAsync(context, CommandSpec.Change("chmod", desired.Mode, "--", path) with { Changes = [PathChange.Object(path)] }, ct);
        }

        var owner = desired.Owner is not null && (forceAll || difference.Differs("owner")) ? desired.Owner : null;
        var group = desired.Group is not null && (forceAll || difference.Differs("group")) ? desired.Group : null;
        if (owner is not null || group is not null)
        {
            await HostCommand.RunAsync(context, CommandSpec.Change("chown", owner + (group is null ? string.Empty : ":" + group), "--", path) with { Changes = [PathChange.Object(path)] }, ct);
        }
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
