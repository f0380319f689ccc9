using System.Text;
using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Diffs;
using Converge.Core.Facts;
using Converge.Core.Modules;
using Converge.Modules.Common;
using FluentValidation;

namespace Converge.Modules.Sysctl;

/// <summary>
/// <c>sysctl</c>: the parameter's line in <c>sysctl_file</c> (compared by value, so spacing is not drift)
/// and, with <c>sysctl_set</c>, its live value. Both are read in the runner's batch. After a file change
/// the file is loaded with <c>sysctl -p</c> when <c>reload</c> is on, as Ansible does.
/// </summary>
public sealed class SysctlModule : Module<SysctlParams>
{
    public override string Name => "sysctl";

    protected override IValidator<SysctlParams> ParamsValidator => ParamsValidators.Of<SysctlParamsValidator>();

    public override IReadOnlyList<IFact> FactsOf(SysctlParams parameters) =>
        parameters.SysctlSet ? [new FileTextFact(parameters.SysctlFile), new SysctlValueFact(parameters.Name)] : [new FileTextFact(parameters.SysctlFile)];

    public override async Task<Plan> CheckAsync(ModuleContext context, SysctlParams parameters, CancellationToken ct)
    {
        var text = await context.Facts.GetAsync(new FileTextFact(parameters.SysctlFile), ct);
        var want = parameters.State == "present" ? SysctlFile.Normalize(parameters.Value!) : null;
        var have = SysctlFile.ValueOf(text, parameters.Name);
        var changes = new List<Change>();
        string? edited = null;
        if (have != want)
        {
            edited = SysctlFile.Edit(text, parameters.Name, want);
            changes.Add(new Change($"{parameters.SysctlFile}: {parameters.Name}", have, want)
            {
                Diff = UnifiedDiff.Create(text, edited, "before: " + parameters.SysctlFile, "after: " + parameters.SysctlFile),
            });
        }

        string? live = null;
        if (parameters.SysctlSet && want is not null)
        {
            live = await context.Facts.GetAsync(new SysctlValueFact(parameters.Name), ct);
            if (live is null && !parameters.IgnoreErrors)
            {
                throw new TaskFailedException($"sysctl: the kernel has no parameter {parameters.Name} (set ignoreerrors: true to write the file anyway)");
            }

            if (live is not null && live != want)
            {
                changes.Add(new Change($"live {parameters.Name}", live, want));
            }
        }

        return changes.Count == 0
            ? Plan.InSync(want is null ? $"{parameters.Name} is not set in {parameters.SysctlFile}" : $"{parameters.Name} = {want}")
            : Plan.Drift(changes) with { State = new SysctlWork(edited, live is not null && live != want) };
    }

    public override async Task<ApplyResult> ApplyAsync(ModuleContext context, SysctlParams parameters, Plan plan, CancellationToken ct)
    {
        var work = plan.State as SysctlWork ?? throw new TaskFailedException("sysctl: apply was given a plan this module did not make");
        var errors = parameters.IgnoreErrors ? new[] { "-e" } : [];
        try
        {
            if (work.FileText is { } text)
            {
                await context.Connection.WriteFileAsync(parameters.SysctlFile, Encoding.UTF8.GetBytes(text), FileWriteOptions.Default, ct);
            }

            if (work.SetLive)
            {
                await HostCommand.RunAsync(context, CommandSpec.Change("sysctl", [.. errors, "-w", $"{parameters.Name}={SysctlFile.Normalize(parameters.Value!)}"]), ct);
            }

            if (work.FileText is not null && parameters.Reload)
            {
                await HostCommand.RunAsync(context, CommandSpec.Change("sysctl", [.. errors, "-p", parameters.SysctlFile]), ct);
            }
        }
        finally
        {
            context.Facts.Invalidate<FileTextFact>();
            context.Facts.Invalidate<SysctlValueFact>();
        }

        return ApplyResult.Done($"{parameters.Name}: {plan.Reason}");
    }
}
