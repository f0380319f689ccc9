using Converge.Core.Diagnostics;
using Converge.Core.Facts;
using Converge.Core.Modules;
using Converge.Modules.Common;
using FluentValidation;

namespace Converge.Modules.IniFile;

/// <summary>
/// <c>ini_file</c>: one option of one section of an INI file (see <see cref="IniEdit"/>, a port of
/// community.general's algorithm), then managed like <c>file</c> with content: compared by hash, shown as a
/// diff, written atomically. A missing file is created with its directory unless <c>create: false</c>.
/// </summary>
public sealed class IniFileModule : FileStateModule<IniFileParams>
{
    public override string Name => "ini_file";

    protected override IValidator<IniFileParams> ParamsValidator => ParamsValidators.Of<IniFileParamsValidator>();

    protected override string Subject(IniFileParams parameters) => parameters.Path;

    protected override IReadOnlyList<IFact> MoreFacts(IniFileParams parameters) => [new FileTextFact(parameters.Path)];

    /// <summary>Ansible's ini_file writes through the path (a symlink's target is replaced by the atomic move); Converge edits the target and keeps the link.</summary>
    protected override bool Follow(IniFileParams parameters) => true;

    protected override async Task<FileSpec> SpecAsync(ModuleContext context, IniFileParams parameters, CancellationToken ct)
    {
        var text = await HostText.ReadAsync(context, parameters.Path, Name, ct);
        if (text is null && !parameters.Create)
        {
            throw new TaskFailedException($"{parameters.Path} does not exist; set create: true to create it");
        }

        var edited = IniEdit.Apply(text ?? string.Empty, parameters);
        if (text is null && parameters.State == "absent")
        {
            // Ansible creates the file even for absent (an empty line); Converge leaves a missing file missing.
            return new FileSpec(parameters.Path, "absent");
        }

        return new FileSpec(parameters.Path, "file")
        {
            Content = FileContent.FromText(edited),
            Mode = parameters.Mode,
            Owner = parameters.Owner,
            Group = parameters.Group,
            Backup = parameters.Backup,
            CreateParents = true,
        };
    }
}
