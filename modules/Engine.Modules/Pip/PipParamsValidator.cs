using Converge.Modules.Common;
using FluentValidation;

namespace Converge.Modules.Pip;

public sealed class PipParamsValidator : AbstractValidator<PipParams>
{
    public static readonly IReadOnlyList<string> States = ["present", "absent", "latest", "forcereinstall"];

    public PipParamsValidator()
    {
        RuleFor(p => p).Must(p => p.Name is { Count: > 0 } || p.Requirements is not null).WithMessage("one of the following is required: name, requirements");
        RuleFor(p => p).Must(p => p.Name is null || p.Requirements is null).WithMessage("parameters are mutually exclusive: name|requirements");
        RuleFor(p => p).Must(p => p.Executable is null || p.Virtualenv is null).WithMessage("parameters are mutually exclusive: executable|virtualenv");
        RuleFor(p => p.State).Must(States.Contains).WithMessage(p => $"state must be one of {string.Join(", ", States)}, not '{p.State}'");
        RuleFor(p => p.Version).Null().When(p => p.State == "latest").WithMessage("version is incompatible with state=latest");
        RuleFor(p => p.Name).Must(n => n!.Count == 1).When(p => p.Version is not null && p.Name is not null)
            .WithMessage("'version' argument is ambiguous when installing multiple package distributions. Please specify version restrictions next to each package in 'name' argument.");
        RuleFor(p => p.Name).Must(n => !PipRequirement.Parse(n![0]).HasSpecifier).When(p => p.Version is not null && p.Name is { Count: 1 })
            .WithMessage("The 'version' argument conflicts with any version specifier provided along with a package name. Please keep the version specifier, but remove the 'version' argument.");
        RuleFor(p => p.VirtualenvPython).Null().When(p => p.VirtualenvCommand.Contains("-m venv", StringComparison.Ordinal) || p.VirtualenvCommand.Contains("pyvenv", StringComparison.Ordinal))
            .WithMessage("virtualenv_python should not be used when using the venv module or pyvenv as virtualenv_command");
        RuleFor(p => p.Umask).Matches("^0?[0-7]{3}$").When(p => p.Umask is not null).WithMessage("umask must be an octal integer");
        RuleFor(p => p.ExtraArgs).Must(a => Command.CommandLineWords.TrySplit(a!, out _, out _)).When(p => p.ExtraArgs is not null).WithMessage("extra_args must be words a shell would split (a quote is not closed)");
        RuleFor(p => p.Virtualenv).Must(PathRules.IsAbsolute).When(p => p.Virtualenv is not null && p.Chdir is null).WithMessage("virtualenv must be an absolute path on the host (or relative to chdir)");
        RuleFor(p => p.Chdir).Must(PathRules.IsAbsolute).When(p => p.Chdir is not null).WithMessage("chdir must be an absolute path on the host");
    }
}
