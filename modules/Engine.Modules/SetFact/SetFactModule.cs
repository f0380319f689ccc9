using Converge.Core.Modules;
using FluentValidation;

namespace Converge.Modules.SetFact;

/// <summary>
/// <c>set_fact</c>: never changes the host. Its values are rendered when the task runs (so they are validated
/// then, with the host's facts and results), and the runner sets them as the host's variables at Ansible's
/// set_fact precedence (<see cref="HostVariables"/>; with <c>cacheable</c> also in <c>ansible_facts</c>).
/// </summary>
public sealed class SetFactModule : Module<SetFactParams>
{
    public override string Name => "set_fact";

    protected override IValidator<SetFactParams> ParamsValidator => ParamsValidators.Of<SetFactParamsValidator>();

    public override Task<Plan> CheckAsync(ModuleContext context, SetFactParams parameters, CancellationToken ct)
    {
        var output = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            [HostVariables.ValuesKey] = new Dictionary<string, object?>(parameters.Facts, StringComparer.Ordinal),
            [HostVariables.MarkerKey] = true,
            [HostVariables.CacheableKey] = parameters.Cacheable,
        };
        var shown = string.Join(", ", parameters.Facts.Keys);
        return Task.FromResult(Plan.InSync($"set {shown}") with { Output = output });
    }

    public override Task<ApplyResult> ApplyAsync(ModuleContext context, SetFactParams parameters, Plan plan, CancellationToken ct) =>
        throw new InvalidOperationException("set_fact never plans a change, so it is never applied");
}
