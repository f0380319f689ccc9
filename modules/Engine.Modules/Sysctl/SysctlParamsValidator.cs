using FluentValidation;

namespace Converge.Modules.Sysctl;

public sealed class SysctlParamsValidator : AbstractValidator<SysctlParams>
{
    public SysctlParamsValidator()
    {
        RuleFor(p => p.Name).Matches(@"^[A-Za-z0-9_][A-Za-z0-9_./*-]*$").WithMessage(p => $"'{p.Name}' is not a sysctl name (e.g. net.ipv4.ip_forward)");
        RuleFor(p => p.State).Must(s => s is "present" or "absent").WithMessage(p => $"state must be present or absent, not '{p.State}'");
        RuleFor(p => p.Value).NotEmpty().When(p => p.State == "present").WithMessage("value is required with state present");
        RuleFor(p => p.Value).Must(v => !v!.Contains('\n', StringComparison.Ordinal)).When(p => p.Value is not null).WithMessage("value must be one line");
        RuleFor(p => p.SysctlFile).Must(f => f.StartsWith('/')).WithMessage(p => $"sysctl_file must be an absolute path, not '{p.SysctlFile}'");
    }
}
