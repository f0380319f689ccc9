using Converge.Core.Facts;
using Converge.Core.Modules;

namespace Converge.Core.Tests.Support;

/// <summary>
/// Reports a file's text (read through a declared fact) as <c>text</c>; after looking, the outside world
/// writes <see cref="ContentParams.Content"/> into the file, as a service coming up would, not through the connection.
/// </summary>
internal sealed class WatchModule : Module<ContentParams>
{
    public override string Name => "watch";

    public override IReadOnlyList<IFact> FactsOf(ContentParams parameters) => [new FileTextFact(parameters.Path)];

    public override async Task<Plan> CheckAsync(ModuleContext context, ContentParams parameters, CancellationToken ct)
    {
        var text = await context.Facts.GetAsync(new FileTextFact(parameters.Path), ct);
        await File.WriteAllTextAsync(parameters.Path, parameters.Content, ct);
        return Plan.InSync($"saw {text}") with { Output = new Dictionary<string, object?> { ["text"] = text } };
    }

    public override Task<ApplyResult> ApplyAsync(ModuleContext context, ContentParams parameters, Plan plan, CancellationToken ct) =>
        Task.FromResult(ApplyResult.Done("nothing to apply"));
}
