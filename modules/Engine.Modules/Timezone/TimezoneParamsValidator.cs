using FluentValidation;

namespace Converge.Modules.Timezone;

public sealed class TimezoneParamsValidator : AbstractValidator<TimezoneParams>
{
    public TimezoneParamsValidator()
    {
        RuleFor(p => p.Name).NotEmpty().WithMessage("name is required (e.g. Europe/Paris)");
        RuleFor(p => p.Name).Matches(@"^[A-Za-z0-9_+-]+(/[A-Za-z0-9_+-]+)*$").When(p => !string.IsNullOrEmpty(p.Name))
            .WithMessage(p => $"'{p.Name}' is not a time zone name (e.g. Europe/Paris, UTC)");
        RuleFor(p => p.Hwclock).Null()
            .WithMessage("hwclock is not supported: Converge sets the zone only (the RTC mode lives in /etc/adjtime; manage it with a file task)");
    }
}
