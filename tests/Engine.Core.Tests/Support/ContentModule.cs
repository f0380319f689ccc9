using Converge.Core.Connections;
using Converge.Core.Facts;
using Converge.Core.Modules;

namespace Converge.Core.Tests.Support;

/// <summary>
/// A file's exact content, read through a declared <see cref="FileTextFact"/> and written without invalidating
/// any fact itself: only the runner's central invalidation keeps a later task from reading a stale value.
/// </summary>
internal sealed class ContentModule : Module<ContentParams>
{
    public override string Name => "content";

    public override IReadOnlyList<IFact> FactsOf(ContentParams parameters) => [new FileTextFact(parameters.Path)];

    public override async Task<Plan> CheckAsync(ModuleContext context, ContentParams parameters, CancellationToken ct)
    {
        var actual = await context.Facts.GetAsync(new FileTextFact(parameters.Path), ct);
        return actual == parameters.Content
            ? Plan.InSync($"{parameters.Path} as desired")
            : Plan.Drift(new Change(parameters.Path, actual, parameters.Content));
    }

    public override async Task<ApplyResult> ApplyAsync(ModuleContext context, ContentParams parameters, Plan plan, CancellationToken ct)
    {
        await context.Connection.WriteFileAsync(parameters.Path, System.Text.Encoding.UTF8.GetBytes(parameters.Content), FileWriteOptions.Default, ct);
        return ApplyResult.Done($"wrote {parameters.Path}");
    }
}
