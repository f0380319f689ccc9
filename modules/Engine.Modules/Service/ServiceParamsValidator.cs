using FluentValidation;

namespace Converge.Modules.Service;

public sealed class ServiceParamsValidator : AbstractValidator<ServiceParams>
{
    public static readonly IReadOnlyList<string> States = ["started", "stopped", "restarted", "reloaded"];

    public static readonly IReadOnlyList<string> Uses = ["auto", "systemd", "sysvinit", "service"];

    public ServiceParamsValidator()
    {
        RuleFor(p => p.Name).NotEmpty().WithMessage("name is required unless the task only asks for daemon_reload")
            .When(p => !p.DaemonReload || p.State is not null || p.Enabled is not null);
        RuleFor(p => p.Name).Matches(@"^[A-Za-z0-9@._:\\-]+$").When(p => !string.IsNullOrEmpty(p.Name)).WithMessage(p => $"'{p.Name}' is not a service name");
        RuleFor(p => p.State).Must(s => States.Contains(s!)).When(p => p.State is not null)
            .WithMessage(p => $"state must be one of {string.Join(", ", States)}, not '{p.State}'");
        RuleFor(p => p).Must(p => p.State is not null || p.Enabled is not null || p.DaemonReload).WithMessage("give state, enabled, daemon_reload, or several of them");
        RuleFor(p => p.Use).Must(Uses.Contains).WithMessage(p => $"use must be one of {string.Join(", ", Uses)}, not '{p.Use}'");
        RuleFor(p => p.Pattern).Null().WithMessage("pattern is not supported: Converge reads the status from systemd or the init script, never from the process table");
        RuleFor(p => p.Runlevel).Null().WithMessage("runlevel is not supported: it is OpenRC's, and Converge manages Debian-family hosts (SysV start links come from the script's LSB header)");
        RuleFor(p => p.Sleep).GreaterThanOrEqualTo(0).When(p => p.Sleep is not null).WithMessage("sleep must be 0 or more seconds");
    }
}
