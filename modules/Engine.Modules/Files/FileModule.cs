using Converge.Core.Facts;
using Converge.Core.Modules;
using FluentValidation;

namespace Converge.Modules.Files;

/// <summary>
/// <c>file</c>: <c>state: link|hard</c> are links (<see cref="LinkCheck"/>); every other state is a path's kind,
/// content and attributes (<see cref="FileNodeModule"/>, the shared synthetic file check).
/// </summary>
public sealed class FileModule : Module<FileParams>
{
    private readonly FileNodeModule _node = new();

    public override string Name => "file";

    protected override IValidator<FileParams> ParamsValidator { get; } = new FileParamsValidator();

    public override IReadOnlyList<IFact> FactsOf(FileParams parameters) =>
        IsLink(parameters) ? [new LinkFact(parameters.Path, parameters.Src!)] : _node.FactsOf(parameters);

    public override Task<Plan> CheckAsync(ModuleContext context, FileParams parameters, CancellationToken ct) =>
        IsLink(parameters) ? LinkCheck.CheckAsync(context, parameters, ct) : _node.CheckAsync(context, parameters, ct);

    public override Task<ApplyResult> ApplyAsync(ModuleContext context, FileParams parameters, Plan plan, CancellationToken ct) =>
        IsLink(parameters) ? LinkCheck.ApplyAsync(context, parameters, plan, ct) : _node.ApplyAsync(context, parameters, plan, ct);

    private static bool IsLink(FileParams parameters) => parameters.State is "link" or "hard";
}
