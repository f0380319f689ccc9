using Converge.Core.Facts;
using Converge.Core.Modules;
using Converge.Modules.Common;
using YamlDotNet.RepresentationModel;

namespace Converge.Modules.ServiceFacts;

/// <summary>
/// <c>service_facts</c>: the host's services into <c>ansible_facts.services</c>, as Ansible's module gathers them
/// (SysV's <c>service --status-all</c>, systemd's units and unit files). Only reads: always in sync, facts set in
/// check mode too, and the read joins the host's probe batch.
/// </summary>
public sealed class ServiceFactsModule : Module<ServiceFactsParams>, ISetsFacts
{
    public override string Name => "service_facts";

    protected override FluentValidation.IValidator<ServiceFactsParams> ParamsValidator => ParamsValidators.Of<ServiceFactsParamsValidator>();

    public override IReadOnlyList<IFact> FactsOf(ServiceFactsParams parameters) => [new ServiceListingFact()];

    public override async Task<Plan> CheckAsync(ModuleContext context, ServiceFactsParams parameters, CancellationToken ct)
    {
        var services = ServiceScan.Services(await context.Facts.GetAsync(new ServiceListingFact(), ct));
        var facts = new Dictionary<string, object?>(StringComparer.Ordinal) { ["services"] = services };
        return Plan.InSync($"read {services.Count} services") with { Output = HostFacts.Output(facts) };
    }

    /// <summary><c>services</c> at the top level and under <c>ansible_facts</c>.</summary>
    public IReadOnlyList<string> FactNames(YamlNode? parameters) => ["ansible_facts", "services"];

    public override Task<ApplyResult> ApplyAsync(ModuleContext context, ServiceFactsParams parameters, Plan plan, CancellationToken ct) =>
        Task.FromResult(ApplyResult.Done("service_facts changes nothing"));
}
