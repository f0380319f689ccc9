using FluentValidation;

namespace Converge.Modules.Shell;

public sealed class ShellParamsValidator : AbstractValidator<ShellParams>
{
    public ShellParamsValidator()
    {
        RuleFor(p => p.Cmd).NotEmpty().WithMessage("cmd (or the free-form script) must not be empty");
    }
}
