using Converge.Core.Facts;
using Converge.Core.Modules;
using FluentValidation;

namespace Converge.Modules.Slurp;

/// <summary>
/// <c>slurp</c>: reads a host file into <c>register:</c> as Ansible does (<c>content</c> base64, <c>encoding</c>,
/// <c>source</c>); only reads, so it is always in sync and gives its value in check mode too.
/// </summary>
public sealed class SlurpModule : Module<SlurpParams>
{
    public override string Name => "slurp";

    protected override IValidator<SlurpParams> ParamsValidator => ParamsValidators.Of<SlurpParamsValidator>();

    public override IReadOnlyList<IFact> FactsOf(SlurpParams parameters) => [new SlurpFact(parameters.Src)];

    public override async Task<Plan> CheckAsync(ModuleContext context, SlurpParams parameters, CancellationToken ct)
    {
        var fact = new SlurpFact(parameters.Src);

        // With become the file must be read as the become user (a root-only file), so not from the shared cache.
        var content = context.Become is null
            ? await context.Facts.GetAsync(fact, ct)
            : fact.Parse(await context.Connection.RunAsync(fact.Command, ct));
        return Plan.InSync($"read {parameters.Src} ({content.Length * 3 / 4} bytes)") with
        {
            Output = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["content"] = content,
                ["encoding"] = "base64",
                ["source"] = parameters.Src,
            },
        };
    }

    public override Task<ApplyResult> ApplyAsync(ModuleContext context, SlurpParams parameters, Plan plan, CancellationToken ct) =>
        Task.FromResult(ApplyResult.Done("slurp changes nothing"));
}
