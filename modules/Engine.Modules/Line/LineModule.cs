using Converge.Core.Diagnostics;
using Converge.Core.Modules;
using Converge.Modules.Common;
using FluentValidation;

namespace Converge.Modules.Line;

/// <summary>
/// <c>line</c>: ensures one line is present in (or absent from) a text file and keeps the rest of the
/// file as it is (see <see cref="LineEdit"/>). The edited file is then managed like <c>file</c> with content:
/// compared by hash, shown as a diff, written atomically. A file without a final newline gets one when edited.
/// </summary>
public sealed class LineModule : FileStateModule<LineParams>
{
    public override string Name => "line";

    protected override IValidator<LineParams> ParamsValidator { get; } = new LineParamsValidator();

    protected override string Subject(LineParams parameters) => parameters.Path;

    /// <summary>As Ansible's <c>lineinfile</c> (which writes <c>os.path.realpath(dest)</c>): a symlink's target is edited and the link kept.</summary>
    protected override bool Follow(LineParams parameters) => true;

    protected override async Task<FileSpec> SpecAsync(ModuleContext context, LineParams parameters, CancellationToken ct)
    {
        var bytes = await context.Connection.ReadFileAsync(parameters.Path, null, ct);
        if (bytes is null)
        {
            if (parameters.State == "absent")
            {
                return new FileSpec(parameters.Path, "absent");
            }

        }

        var text = bytes is null ? string.Empty : FileContent.AsText(bytes)
            ?? throw new TaskFailedException($"{parameters.Path} is not a UTF-8 text file; line edits text files only");
        var lines = LineEdit.Split(text);
        var edited = LineEdit.Apply(lines, parameters);

        // An unchanged file keeps its exact bytes (a missing final newline is not "fixed" on its own).
        var content = bytes is not null && edited.SequenceEqual(lines) ? text : LineEdit.Join(edited);
        return new FileSpec(parameters.Path, "file")
        {
            Content = FileContent.FromText(content),
            Mode = parameters.Mode,
            Owner = parameters.Owner,
            Group = parameters.Group,
            Backup = parameters.Backup,
            MustExist = !parameters.Create,
            CreateParents = parameters.Create,
        };
    }
}
