using FluentValidation;

namespace Converge.Modules.LocaleGen;

public sealed class LocaleGenParamsValidator : AbstractValidator<LocaleGenParams>
{
    public LocaleGenParamsValidator()
    {
        RuleFor(p => p.Name).Matches("^[A-Za-z]+_[A-Za-z0-9_.@-]+$").WithMessage(p => $"'{p.Name}' is not a locale name (e.g. de_CH.UTF-8)");
        RuleFor(p => p.State).Must(s => s is "present" or "absent").WithMessage(p => $"state must be present or absent, not '{p.State}'");
    }
}
