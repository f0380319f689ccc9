using Converge.Core.Facts;
using Converge.Core.Modules;
using Converge.Modules.Common;
using Converge.Modules.Line;
using FluentValidation;

namespace Converge.Modules.BlockInFile;

/// <summary>
/// <c>blockinfile</c>: keeps a marked block of lines in a text file and the rest as it is (see <see cref="BlockEdit"/>);
/// the edited file is then managed like <c>file</c> with content (hash, diff, atomic write, validate).
/// </summary>
public sealed class BlockInFileModule : FileStateModule<BlockInFileParams>
{
    public override string Name => "blockinfile";

    protected override IValidator<BlockInFileParams> ParamsValidator => ParamsValidators.Of<BlockInFileParamsValidator>();

    protected override string Subject(BlockInFileParams parameters) => parameters.Path;

    protected override IReadOnlyList<IFact> MoreFacts(BlockInFileParams parameters) => [new FileTextFact(parameters.Path)];

    protected override async Task<FileSpec> SpecAsync(ModuleContext context, BlockInFileParams parameters, CancellationToken ct)
    {
        var text = await HostText.ReadAsync(context, parameters.Path, Name, ct);
        if (text is null && parameters.State == "absent")
        {
            return new FileSpec(parameters.Path, "absent");
        }

        var lines = LineEdit.Split(text ?? string.Empty);
        var edited = BlockEdit.Apply(lines, parameters);
        var content = text is not null && edited.SequenceEqual(lines) ? text : LineEdit.Join(edited);
        return new FileSpec(parameters.Path, "file")
        {
            Content = FileContent.FromText(content),
            Mode = parameters.Mode,
            Owner = parameters.Owner,
            Group = parameters.Group,
            Backup = parameters.Backup,
            MustExist = !parameters.Create,
            Validate = parameters.Validate,
        };
    }
}
