using Converge.Core.Facts;
using Converge.Core.Modules;
using Converge.Modules.Common;
using FluentValidation;

namespace Converge.Modules.Line;

/// <summary>
/// <c>lineinfile</c> (and <c>line</c>): ensures one line is present in (or absent from) a text file and keeps the rest of the
/// file as it is (see <see cref="LineEdit"/>). The edited file is then managed like <c>file</c> with content:
/// compared by hash, shown as a diff, written atomically. A file without a final newline gets one when edited.
/// </summary>
public sealed class LineModule(string name = "lineinfile") : FileStateModule<LineParams>
{
    /// <summary><c>lineinfile</c>, Ansible's name; <c>line</c> is the same module under Converge's first name.</summary>
    public override string Name => name;

    protected override IValidator<LineParams> ParamsValidator => ParamsValidators.Of<LineParamsValidator>();

    protected override string Subject(LineParams parameters) => parameters.Path;

    protected override IReadOnlyList<IFact> MoreFacts(LineParams parameters) => [new FileTextFact(parameters.Path)];

    /// <summary>As Ansible's <c>lineinfile</c> (which writes <c>os.path.realpath(dest)</c>): a symlink's target is edited and the link kept.</summary>
    protected override bool Follow(LineParams parameters) => true;

    protected override async Task<FileSpec> SpecAsync(ModuleContext context, LineParams parameters, CancellationToken ct)
    {
        var text = await HostText.ReadAsync(context, parameters.Path, Name, ct);
        if (text is null && parameters.State == "absent")
        {
            return new FileSpec(parameters.Path, "absent");
        }

        var lines = LineEdit.Split(text ?? string.Empty);
        var edited = LineEdit.Apply(lines, parameters);

        // An unchanged file keeps its exact bytes (a missing final newline is not "fixed" on its own).
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
            CreateParents = parameters.Create,
        };
    }
}
