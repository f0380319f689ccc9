using Converge.Core.Facts;
using Converge.Core.Modules;
using Converge.Modules.Common;
using FluentValidation;

namespace Converge.Modules.Files;

/// <summary>
/// <c>file</c>: <c>state: link|hard</c> are links (<see cref="LinkCheck"/>); every other state is a path's kind,
/// content and attributes (<see cref="FileNodeModule"/>, the shared synthetic file check), and with <c>recurse</c> the
/// attributes of everything under a directory too (<see cref="RecurseCheck"/>).
/// </summary>
public sealed class FileModule : Module<FileParams>
{
    private readonly FileNodeModule _node = new();

    public override string Name => "file";

    protected override IValidator<FileParams> ParamsValidator => ParamsValidators.Of<FileParamsValidator>();

    public override IReadOnlyList<IFact> FactsOf(FileParams parameters) => FactsOfNormalized(Normalize(parameters));

    private IReadOnlyList<IFact> FactsOfNormalized(FileParams parameters) =>
        IsLink(parameters) ? [new LinkFact(parameters.Path, parameters.Src!), .. SelinuxAttributes.FactsOf(parameters)]
        : parameters.Recurse ? [.. _node.FactsOf(parameters), new TreeFact(parameters.Path, hash: false)]
        : _node.FactsOf(parameters);

    public override async Task<Plan> CheckAsync(ModuleContext context, FileParams parameters, CancellationToken ct)
    {
        parameters = Normalize(parameters);
        await SelinuxAttributes.RefuseIfEnabledAsync(context, parameters, Name, ct);
        if (IsLink(parameters))
        {
            return await LinkCheck.CheckAsync(context, parameters, ct);
        }

        var node = await _node.CheckAsync(context, parameters, ct);
        if (!parameters.Recurse)
        {
            return node;
        }

        var below = await RecurseCheck.ChangesAsync(context, parameters, ct);
        return below.Count == 0
            ? node
            : Plan.Drift([.. node.Changes, .. below]) with { State = new RecursePlan(node), Assumed = node.Assumed };
    }

    public override async Task<ApplyResult> ApplyAsync(ModuleContext context, FileParams parameters, Plan plan, CancellationToken ct)
    {
        parameters = Normalize(parameters);
        if (IsLink(parameters))
        {
            return await LinkCheck.ApplyAsync(context, parameters, plan, ct);
        }

        if (plan.State is not RecursePlan recurse)
        {
            return await _node.ApplyAsync(context, parameters, plan, ct);
        }

        var message = recurse.Node.IsDrift ? (await _node.ApplyAsync(context, parameters, recurse.Node, ct)).Message + "; " : string.Empty;
        await RecurseCheck.ApplyAsync(context, parameters, ct);
        return new ApplyResult($"{message}set {string.Join(", ", plan.Changes.Select(c => c.Path))}");
    }

    /// <summary>Ansible's file defaults <c>state</c> to directory when <c>recurse</c> is set (recurse applies to directories only).</summary>
    private static FileParams Normalize(FileParams parameters) =>
        parameters.Recurse && parameters.State == "file" ? parameters with { State = "directory" } : parameters;

    private static bool IsLink(FileParams parameters) => parameters.State is "link" or "hard";

    /// <summary>A recursive plan: the directory's own plan, applied first, then the attributes below it.</summary>
    private sealed record RecursePlan(Plan Node);
}
