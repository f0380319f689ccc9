using Converge.Core.Facts;
using Converge.Core.Modules;
using FluentValidation;

namespace Converge.Modules.Find;

/// <summary>
/// <c>find</c>: lists files on the host into <c>register:</c> as Ansible's <c>find</c> (<c>files</c>, <c>matched</c>,
/// <c>examined</c>, <c>msg</c>, <c>skipped_paths</c>). Only reads, in one probe of the host's batch, so it is
/// always in sync and gives its value in check mode too.
/// </summary>
public sealed class FindModule : Module<FindParams>
{
    public override string Name => "find";

    protected override IValidator<FindParams> ParamsValidator => ParamsValidators.Of<FindParamsValidator>();

    public override IReadOnlyList<IFact> FactsOf(FindParams parameters) => [new FindFact(parameters)];

    public override async Task<Plan> CheckAsync(ModuleContext context, FindParams parameters, CancellationToken ct)
    {
        var fact = new FindFact(parameters);
        var listing = context.Become is null
            ? await context.Facts.GetAsync(fact, ct)
            : fact.Parse(await context.Connection.RunAsync(fact.Command, ct));
        var files = FindFilter.Select(listing, parameters, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0)
            .Select(e =>
            {
                var output = e.ToOutput();
                if (parameters.GetChecksum && e.Type == 'f' && listing.Sha1.TryGetValue(e.Path, out var sum))
                {
                    output["checksum"] = sum;
                }

                return output;
            })
            .ToList();
        var message = listing.Skipped.Count == 0 ? "All paths examined" : "Not all paths examined, check warnings for details";
        return Plan.InSync($"{files.Count} of {listing.Entries.Count} entries matched") with
        {
            Output = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["files"] = files,
                ["matched"] = files.Count,
                ["examined"] = listing.Entries.Count,
                ["msg"] = message,
                ["skipped_paths"] = listing.Skipped.ToDictionary(p => p, p => (object?)$"'{p}' is not a directory", StringComparer.Ordinal),
            },
        };
    }

    public override Task<ApplyResult> ApplyAsync(ModuleContext context, FindParams parameters, Plan plan, CancellationToken ct) =>
        Task.FromResult(ApplyResult.Done("find changes nothing"));
}
