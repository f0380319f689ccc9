using Converge.Core.Diagnostics;
using Converge.Core.Facts;
using Converge.Core.Modules;
using Converge.Modules.Apt;
using FluentValidation;

namespace Converge.Modules.Package;

/// <summary>
/// <c>package</c>: Ansible's generic package module. On a Debian-family host it is <c>apt</c> with the same
/// name and state (one probe batch: the family check joins apt's facts); elsewhere it fails clearly.
/// </summary>
public sealed class PackageModule : Module<PackageParams>
{
    private readonly AptModule _apt = new();

    public override string Name => "package";

    protected override IValidator<PackageParams> ParamsValidator => ParamsValidators.Of<PackageParamsValidator>();

    public override IReadOnlyList<IFact> FactsOf(PackageParams parameters) => [new OsFamilyFact(), .. _apt.FactsOf(Apt(parameters))];

    public override async Task<Plan> CheckAsync(ModuleContext context, PackageParams parameters, CancellationToken ct)
    {
        var family = await context.Facts.GetAsync(new OsFamilyFact(), ct);
        if (!family.IsDebian)
        {
            throw new TaskFailedException($"package: {context.Host} runs {family.Name}, not a Debian-family system; Converge manages Debian-family hosts, where package runs apt");
        }

        return await _apt.CheckAsync(context, Apt(parameters), ct);
    }

    public override Task<ApplyResult> ApplyAsync(ModuleContext context, PackageParams parameters, Plan plan, CancellationToken ct) =>
        _apt.ApplyAsync(context, Apt(parameters), plan, ct);

    /// <summary>What package hands apt: the name and state, and the apt parameters it was given (as Ansible's package action does).</summary>
    internal static AptParams Apt(PackageParams parameters) => new()
    {
        Name = parameters.Name.Count == 0 ? null : parameters.Name,
        State = parameters.State,
        UpdateCache = parameters.UpdateCache,
        CacheValidTime = parameters.CacheValidTime,
        AllowDowngrade = parameters.AllowDowngrade,
        InstallRecommends = parameters.InstallRecommends,
        DefaultRelease = parameters.DefaultRelease,
    };
}
