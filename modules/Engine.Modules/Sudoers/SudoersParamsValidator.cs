using FluentValidation;

namespace Converge.Modules.Sudoers;

public sealed class SudoersParamsValidator : AbstractValidator<SudoersParams>
{
    public SudoersParamsValidator()
    {
        // sudo's includedir skips names with a dot or ending in ~, so such a rule would never apply.
        RuleFor(p => p.Name).Matches("^[A-Za-z0-9_-]+$").WithMessage(p => $"name '{p.Name}' must be letters, digits, _ or - (sudo's @includedir ignores files with a '.' or '~')");
        RuleFor(p => p.State).Must(s => s is "present" or "absent").WithMessage(p => $"state must be present or absent, not '{p.State}'");
        RuleFor(p => p).Must(p => (p.User is null) != (p.Group is null)).When(p => p.State == "present").WithMessage("give exactly one of user and group with state present");
        RuleFor(p => p.Commands).NotEmpty().When(p => p.State == "present").WithMessage("commands is required with state present (e.g. [/usr/bin/systemctl restart nginx] or ALL)");
        RuleForEach(p => p.Commands).Must(c => c == "ALL" || c.StartsWith('/')).WithMessage((p, c) => $"command '{c}' must be an absolute path or ALL (sudo matches commands by full path)");
        RuleFor(p => p.Validation).Must(v => v is "detect" or "required" or "absent").WithMessage(p => $"validation must be detect, required or absent, not '{p.Validation}'");
        RuleFor(p => p.SudoersPath).Must(s => s.StartsWith('/')).WithMessage(p => $"sudoers_path must be an absolute path, not '{p.SudoersPath}'");
        RuleFor(p => new[] { p.User, p.Group, p.Runas, p.Host }).Must(v => v.All(s => s is null || !s.Any(char.IsWhiteSpace)))
            .WithName("user").WithMessage("user, group, runas and host must not contain whitespace");
        RuleForEach(p => p.Commands).Must(c => !c.Contains('\n', StringComparison.Ordinal)).WithMessage("a command must be one line");
    }
}
