using Converge.Core.Modules;
using Converge.Modules.Common;
using FluentValidation;

namespace Converge.Modules.Sudoers;

/// <summary>
/// <c>sudoers</c> (community.general): the rule's file, mode 0440, whole, as that module writes it
/// (<c>owner host=(runas)NOPASSWD:SETENV: cmd, cmd</c>). The new content is checked with <c>visudo -cf</c>
/// beside the target before it is put in place, so a broken rule never reaches sudo.
/// </summary>
public sealed class SudoersModule : FileStateModule<SudoersParams>
{
    public override string Name => "sudoers";

    protected override IValidator<SudoersParams> ParamsValidator => ParamsValidators.Of<SudoersParamsValidator>();

    protected override string Subject(SudoersParams parameters) => PathOf(parameters);

    /// <summary>The rule line, exactly as community.general.sudoers renders it.</summary>
    public static string Content(SudoersParams parameters)
    {
        var owner = parameters.User ?? "%" + parameters.Group;
        var runas = parameters.Runas is null ? string.Empty : $"({parameters.Runas})";
        var tags = (parameters.Nopassword ? "NOPASSWD:" : string.Empty) + (parameters.Setenv ? "SETENV:" : string.Empty);
        return $"{owner} {parameters.Host}={runas}{tags} {string.Join(", ", parameters.Commands!)}\n";
    }

    protected override Task<FileSpec> SpecAsync(ModuleContext context, SudoersParams parameters, CancellationToken ct)
    {
        var path = PathOf(parameters);
        if (parameters.State == "absent")
        {
            return Task.FromResult(new FileSpec(path, "absent"));
        }

        return Task.FromResult(new FileSpec(path, "file")
        {
            Content = FileContent.FromText(Content(parameters)),
            Mode = "0440",
            Validate = parameters.Validation == "absent" ? null : "visudo -cf %s",
        });
    }

    private static string PathOf(SudoersParams parameters) => parameters.SudoersPath.TrimEnd('/') + "/" + parameters.Name;
}
