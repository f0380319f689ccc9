using System.Text;
using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Diffs;
using Converge.Core.Facts;
using Converge.Core.Modules;
using Converge.Modules.Common;
using FluentValidation;

namespace Converge.Modules.Mount;

/// <summary>
/// <c>mount</c> (ansible.posix.mount): the fstab entry, found by mount point (present, mounted, absent), and the
/// live mount from <c>/proc/self/mounts</c> (mounted, unmounted, absent, remounted), both read in the batch.
/// Mounting runs <c>mount [-T fstab] PATH</c>, so the entry is what gets mounted; a host that does not allow
/// mounting (a container without CAP_SYS_ADMIN) fails the task saying so.
/// </summary>
public sealed class MountModule : Module<MountParams>
{
    public override string Name => "mount";

    protected override IValidator<MountParams> ParamsValidator => ParamsValidators.Of<MountParamsValidator>();

    public override IReadOnlyList<IFact> FactsOf(MountParams parameters) => parameters.State switch
    {
        "present" => [new FileTextFact(parameters.Fstab)],
        "unmounted" or "remounted" => [new MountedFact(parameters.Path)],
        _ => [new FileTextFact(parameters.Fstab), new MountedFact(parameters.Path)],
    };

    public override async Task<Plan> CheckAsync(ModuleContext context, MountParams parameters, CancellationToken ct)
    {
        var changes = new List<Change>();
        string? edited = null;
        string? text = null;
        if (parameters.State is "present" or "mounted" or "absent")
        {
            text = await context.Facts.GetAsync(new FileTextFact(parameters.Fstab), ct);
            var have = FstabFile.EntryOf(text, parameters.Path);
            var want = parameters.State == "absent" ? null : FstabFile.Line(parameters);
            if (have != want)
            {
                edited = FstabFile.Edit(text, parameters, want is not null);
                changes.Add(new Change($"{parameters.Fstab}: {parameters.Path}", have, want)
                {
                    Diff = UnifiedDiff.Create(text, edited, "before: " + parameters.Fstab, "after: " + parameters.Fstab),
                });
            }
        }

        string? action = null;
        if (parameters.State != "present")
        {
            var mounted = await context.Facts.GetAsync(new MountedFact(parameters.Path), ct);
            action = parameters.State switch
            {
                "mounted" when !mounted => "mount",
                "mounted" when edited is not null => "remount",
                "unmounted" or "absent" when mounted => "umount",
                "remounted" => "remount",
                _ => null,
            };
            if (action is not null)
            {
                changes.Add(new Change($"{parameters.Path}: mounted", mounted ? "yes" : "no", action == "umount" ? "no" : action == "remount" ? "remounted" : "yes"));
            }
        }

        var output = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["name"] = parameters.Path,
            ["src"] = parameters.Src,
            ["fstype"] = parameters.Fstype,
            ["opts"] = parameters.Opts,
            ["dump"] = parameters.Dump,
            ["passno"] = parameters.Passno,
            ["fstab"] = parameters.Fstab,
            ["boot"] = parameters.Boot,
        };
        return changes.Count == 0
            ? Plan.InSync($"{parameters.Path} is {parameters.State}") with { Output = output }
            : Plan.Drift(changes) with { State = new MountWork(edited, text is null, action), Output = output };
    }

    public override async Task<ApplyResult> ApplyAsync(ModuleContext context, MountParams parameters, Plan plan, CancellationToken ct)
    {
        var work = plan.State as MountWork ?? throw new TaskFailedException("mount: apply was given a plan this module did not make");
        var fstab = parameters.Fstab == "/etc/fstab" ? Array.Empty<string>() : ["-T", parameters.Fstab];
        try
        {
            if (work.Action == "umount")
            {
                await LiveAsync(context, CommandSpec.Change("umount", "--", parameters.Path), ct);
            }

            if (work.FstabText is { } text)
            {
                await context.Connection.WriteFileAsync(parameters.Fstab, Encoding.UTF8.GetBytes(text), FileWriteOptions.Default with { Mode = work.FstabIsNew ? 0b110_100_100 : null, Backup = parameters.Backup }, ct);
            }

            if (work.Action == "mount")
            {
                await HostCommand.RunAsync(context, CommandSpec.Change("mkdir", "-p", "--", parameters.Path), ct);
                await LiveAsync(context, CommandSpec.Change("mount", [.. fstab, "--", parameters.Path]), ct);
            }
            else if (work.Action == "remount")
            {
                await LiveAsync(context, CommandSpec.Change("mount", [.. fstab, "-o", "remount," + parameters.Opts, "--", parameters.Path]), ct);
            }
        }
        finally
        {
            context.Facts.Invalidate<FileTextFact>();
            context.Facts.Invalidate<MountedFact>();
        }

        return new ApplyResult(plan.Reason) { Output = plan.Output };
    }

    private static async Task LiveAsync(ModuleContext context, CommandSpec command, CancellationToken ct)
    {
        var result = await context.Connection.RunAsync(command, ct);
        if (!result.Succeeded)
        {
            var denied = result.Stderr.Contains("permission denied", StringComparison.OrdinalIgnoreCase) || result.Stderr.Contains("must be superuser", StringComparison.OrdinalIgnoreCase);
            throw new TaskFailedException(
                $"mount: `{command.CommandLine}` failed (exit code {result.ExitCode}): {result.StderrTail(2)}"
                + (denied ? " — this host does not allow mounting (it needs root with CAP_SYS_ADMIN; in a container use state: present to manage the fstab entry only)" : string.Empty),
                command.CommandLine, result.ExitCode, result.StderrTail());
        }
    }
}
