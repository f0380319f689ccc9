using Converge.Core.Facts;
using Converge.Core.Modules;
using FluentValidation;

namespace Converge.Modules.Stat;

/// <summary>
/// <c>stat</c>: reads a path's status into <c>register:</c> as Ansible's <c>stat</c> dictionary. Always in sync
/// (it only reads), in check mode too, so later tasks' conditions see real values.
/// </summary>
public sealed class StatModule : Module<StatParams>
{
    public override string Name => "stat";

    protected override IValidator<StatParams> ParamsValidator => ParamsValidators.Of<StatParamsValidator>();

    public override IReadOnlyList<IFact> FactsOf(StatParams parameters) => [Fact(parameters)];

    public override async Task<Plan> CheckAsync(ModuleContext context, StatParams parameters, CancellationToken ct)
    {
        var fact = Fact(parameters);

        // With become the path must be read as the become user (a root-only directory), so not from the shared cache.
        var stat = context.Become is null
            ? await context.Facts.GetAsync(fact, ct)
            : fact.Parse(await context.Connection.RunAsync(fact.Command, ct));
        var exists = stat["exists"] is true;
        return Plan.InSync(exists ? $"{parameters.Path} exists ({Kind(stat)}, mode {stat["mode"]})" : $"{parameters.Path} does not exist") with
        {
            Output = new Dictionary<string, object?>(StringComparer.Ordinal) { ["stat"] = stat },
        };
    }

    public override Task<ApplyResult> ApplyAsync(ModuleContext context, StatParams parameters, Plan plan, CancellationToken ct) =>
        Task.FromResult(ApplyResult.Done("stat changes nothing"));

    private static StatFact Fact(StatParams parameters) =>
        new(parameters.Path, parameters.Follow, parameters.GetChecksum ? parameters.ChecksumAlgorithm : null, parameters.GetMime);

    private static string Kind(IReadOnlyDictionary<string, object?> stat) =>
        stat["isdir"] is true ? "directory" : stat["islnk"] is true ? "symbolic link" : stat["isreg"] is true ? "file" : "special file";
}
