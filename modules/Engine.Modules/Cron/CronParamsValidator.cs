using FluentValidation;

namespace Converge.Modules.Cron;

/// <summary>Ansible's checks of <c>cron</c>, at load time instead of on the host.</summary>
public sealed class CronParamsValidator : AbstractValidator<CronParams>
{
    public static readonly IReadOnlyList<string> SpecialTimes = ["reboot", "yearly", "annually", "monthly", "weekly", "daily", "hourly"];

    public CronParamsValidator()
    {
        RuleFor(p => p.Name).NotEmpty().WithMessage("name is required (it marks the job as #Ansible: NAME)");
        RuleFor(p => p.State).Must(s => s is "present" or "absent").WithMessage(p => $"state must be present or absent, not '{p.State}'");
        RuleFor(p => p.SpecialTime).Must(s => SpecialTimes.Contains(s!)).When(p => p.SpecialTime is not null)
            .WithMessage(p => $"special_time must be one of {string.Join(", ", SpecialTimes)}, not '{p.SpecialTime}'");
        RuleFor(p => p).Must(p => p.SpecialTime is null || new[] { p.Minute, p.Hour, p.Day, p.Month, p.Weekday }.All(f => f == "*"))
            .WithMessage("You must specify time and date fields or special time (not both)");
        RuleFor(p => p.CronFile).Must(f => f != "/etc/crontab").WithMessage("Will not manage /etc/crontab via cron_file (it is the system's table; use a file under /etc/cron.d)");
        RuleFor(p => p.User).NotEmpty().When(p => p.CronFile is not null && p.State == "present").WithMessage("To use cron_file you must specify user as well");
        RuleFor(p => p.Job).NotNull().When(p => p.State == "present").WithMessage("You must specify job to install a new cron job or variable");
        RuleFor(p => p.Job).Must(j => !j!.Trim('\r', '\n').Contains('\n', StringComparison.Ordinal)).When(p => p.Job is not null).WithMessage("job must be one line");
        RuleFor(p => p).Must(p => p.Insertafter is null || p.Insertbefore is null).WithMessage("give insertafter or insertbefore, not both");
        RuleFor(p => p).Must(p => p.Env || (p.Insertafter is null && p.Insertbefore is null)).WithMessage("insertafter and insertbefore are valid only with env: true");
        RuleFor(p => p.Name).Must(n => !n.Contains(' ', StringComparison.Ordinal)).When(p => p.Env).WithMessage("Invalid name for environment variable (no spaces)");
    }
}
