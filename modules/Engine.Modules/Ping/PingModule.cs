using Converge.Core.Diagnostics;
using Converge.Core.Facts;
using Converge.Core.Modules;
using FluentValidation;

namespace Converge.Modules.Ping;

/// <summary>
/// <c>ping</c>: the host runs a command through its connection (Ansible's ping proves its Python works;
/// Converge needs only a POSIX shell, so that is what it proves). Never a change.
/// </summary>
public sealed class PingModule : Module<PingParams>
{
    public override string Name => "ping";

    protected override IValidator<PingParams> ParamsValidator => ParamsValidators.Of<PingParamsValidator>();

    public override IReadOnlyList<IFact> FactsOf(PingParams parameters) => [new PingFact()];

    public override async Task<Plan> CheckAsync(ModuleContext context, PingParams parameters, CancellationToken ct)
    {
        await context.Facts.GetAsync(new PingFact(), ct);
        if (parameters.Data == "crash")
        {
            throw new TaskFailedException("boom: ping was asked to crash (data: crash)");
        }

        return Plan.InSync(parameters.Data) with { Output = new Dictionary<string, object?>(StringComparer.Ordinal) { ["ping"] = parameters.Data } };
    }

    public override Task<ApplyResult> ApplyAsync(ModuleContext context, PingParams parameters, Plan plan, CancellationToken ct) =>
        throw new InvalidOperationException("ping never plans a change, so it is never applied");
}
