using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Facts;
using Converge.Core.Modules;
using Converge.Modules.Common;
using FluentValidation;

namespace Converge.Modules.DpkgSelections;

/// <summary>
/// <c>dpkg_selections</c>: the package's selection read with <c>dpkg --get-selections</c> in the batch and set with
/// <c>dpkg --set-selections</c> (the line on stdin) when it differs. As Ansible's, it only marks the package: apt acts
/// on the mark later (hold keeps it at its version). Tests give dpkg an admin directory of their own.
/// </summary>
public sealed class DpkgSelectionsModule(IReadOnlyList<string> dpkgOptions) : Module<DpkgSelectionsParams>
{
    public DpkgSelectionsModule()
        : this([])
    {
    }

    public override string Name => "dpkg_selections";

    protected override IValidator<DpkgSelectionsParams> ParamsValidator => ParamsValidators.Of<DpkgSelectionsParamsValidator>();

    public override IReadOnlyList<IFact> FactsOf(DpkgSelectionsParams parameters) => [new DpkgSelectionFact(parameters.Name, dpkgOptions)];

    public override async Task<Plan> CheckAsync(ModuleContext context, DpkgSelectionsParams parameters, CancellationToken ct)
    {
        var current = await context.Facts.GetAsync(new DpkgSelectionFact(parameters.Name, dpkgOptions), ct);
        var output = new Dictionary<string, object?>(StringComparer.Ordinal) { ["before"] = current, ["after"] = parameters.Selection };
        return current == parameters.Selection
            ? Plan.InSync($"{parameters.Name} is selected {current}") with { Output = output }
            : Plan.Drift(new Change($"package {parameters.Name}: selection", current, parameters.Selection)) with { Output = output };
    }

    public override async Task<ApplyResult> ApplyAsync(ModuleContext context, DpkgSelectionsParams parameters, Plan plan, CancellationToken ct)
    {
        try
        {
            await HostCommand.RunAsync(context, CommandSpec.Change("dpkg", [.. dpkgOptions, "--set-selections"]) with { StandardInput = $"{parameters.Name} {parameters.Selection}\n" }, ct);
        }
        finally
        {
            context.Facts.Invalidate<DpkgSelectionFact>();
        }

        return new ApplyResult(plan.Reason) { Output = plan.Output };
    }
}
