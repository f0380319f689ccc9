using FluentValidation;

namespace Converge.Modules.Raw;

public sealed class RawParamsValidator : AbstractValidator<RawParams>
{
    public RawParamsValidator()
    {
        RuleFor(p => p.Cmd).NotEmpty().WithMessage("raw needs a command line");
        RuleFor(p => p.Executable).Must(e => e!.StartsWith('/')).When(p => p.Executable is not null)
            .WithMessage(p => $"executable must be an absolute path to a shell, not '{p.Executable}'");
    }
}
