using Converge.Core.Facts;
using Converge.Core.Modules;
using Converge.Modules.Common;
using FluentValidation;

namespace Converge.Modules.Replace;

/// <summary>
/// <c>replace</c>: every match of a regular expression in a text file replaced (see <see cref="ReplaceEdit"/>); the
/// file must exist (as in Ansible). Idempotent when the replacement no longer matches the expression.
/// </summary>
public sealed class ReplaceModule : FileStateModule<ReplaceParams>
{
    public override string Name => "replace";

    protected override IValidator<ReplaceParams> ParamsValidator => ParamsValidators.Of<ReplaceParamsValidator>();

    protected override string Subject(ReplaceParams parameters) => parameters.Path;

    protected override IReadOnlyList<IFact> MoreFacts(ReplaceParams parameters) => [new FileTextFact(parameters.Path)];

    protected override async Task<FileSpec> SpecAsync(ModuleContext context, ReplaceParams parameters, CancellationToken ct)
    {
        var text = await HostText.ReadAsync(context, parameters.Path, Name, ct) ?? string.Empty;
        var (edited, _) = ReplaceEdit.Apply(text, parameters);
        return new FileSpec(parameters.Path, "file")
        {
            Content = FileContent.FromText(edited),
            Mode = parameters.Mode,
            Owner = parameters.Owner,
            Group = parameters.Group,
            Backup = parameters.Backup,
            MustExist = true,
            Validate = parameters.Validate,
        };
    }
}
