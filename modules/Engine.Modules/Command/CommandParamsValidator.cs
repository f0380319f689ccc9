using FluentValidation;

namespace Converge.Modules.Command;

public sealed class CommandParamsValidator : AbstractValidator<CommandParams>
{
    public CommandParamsValidator()
    {
        RuleFor(p => p).Must(p => (p.Cmd is null) != (p.Argv is null)).WithMessage("give exactly one of cmd (or the free-form command) and argv");
        RuleFor(p => p.Cmd!).Must(c => CommandLineWords.TrySplit(c, out var words, out _) && words.Count > 0).When(p => p.Cmd is not null)
            .WithMessage(p => CommandLineWords.TrySplit(p.Cmd!, out _, out var error) ? "cmd is empty" : $"cmd cannot be split into words: {error}");
        RuleFor(p => p.Argv).Must(a => a!.Count > 0).When(p => p.Argv is not null).WithMessage("argv must name at least the program");
    }
}
