using System.IO.Enumeration;
using Converge.Core.Facts;
using Converge.Core.Facts.Gathered;
using Converge.Core.Modules;
using FluentValidation;

namespace Converge.Modules.Setup;

/// <summary>
/// <c>setup</c>: gathers Ansible's facts. Its check is the gathering (a probe that joins the host's
/// batch); it never changes the host, so it is never applied. Its result carries <c>ansible_facts</c>,
/// which the runner makes the host's facts, as Ansible does with any module that returns them.
/// </summary>
public sealed class SetupModule : Module<SetupParams>
{
    public override string Name => "setup";

    protected override IValidator<SetupParams> ParamsValidator => ParamsValidators.Of<SetupParamsValidator>();

    public override IReadOnlyList<IFact> FactsOf(SetupParams parameters) => [Fact(parameters)];

    public override async Task<Plan> CheckAsync(ModuleContext context, SetupParams parameters, CancellationToken ct)
    {
        var gathered = await context.Facts.GetAsync(Fact(parameters), ct);
        var kept = gathered
            .Where(p => parameters.Filter.Count == 0 || parameters.Filter.Any(f => FileSystemName.MatchesSimpleExpression(f, "ansible_" + p.Key, ignoreCase: false)))
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        return Plan.InSync($"gathered {kept.Count} facts") with
        {
            Output = new Dictionary<string, object?>(StringComparer.Ordinal) { ["ansible_facts"] = kept },
        };
    }

    public override Task<ApplyResult> ApplyAsync(ModuleContext context, SetupParams parameters, Plan plan, CancellationToken ct) =>
        throw new InvalidOperationException("setup never plans a change, so it is never applied");

    private static GatheredFacts Fact(SetupParams parameters) => new(FactSubsets.Parse(parameters.GatherSubset, out _) ?? FactSubset.All);
}
