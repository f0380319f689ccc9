using FluentValidation;

namespace Converge.Modules.Systemd;

public sealed class SystemdParamsValidator : AbstractValidator<SystemdParams>
{
    public static readonly IReadOnlyList<string> States = ["started", "stopped", "restarted", "reloaded"];

    public static readonly IReadOnlyList<string> Scopes = ["system", "user", "global"];

    public SystemdParamsValidator()
    {
        RuleFor(p => p.Name).Matches(@"^[A-Za-z0-9@._:\\-]+$").When(p => p.Name is not null).WithMessage(p => $"'{p.Name}' is not a unit name");
        RuleFor(p => p.State).Must(s => States.Contains(s!)).When(p => p.State is not null)
            .WithMessage(p => $"state must be one of {string.Join(", ", States)}, not '{p.State}'");
        RuleFor(p => p.Scope).Must(Scopes.Contains).WithMessage(p => $"scope must be one of {string.Join(", ", Scopes)}, not '{p.Scope}'");
        RuleFor(p => p.Name).NotEmpty().When(p => p.State is not null || p.Enabled is not null || p.Masked is not null)
            .WithMessage("name is required with state, enabled or masked");
        // ansible-core 2.14 required one of these; later releases (systemd_service) accept a name alone to read the
        // unit's status into `register:`, which roles written for them rely on, so Converge accepts it too.
        RuleFor(p => p).Must(p => p.Name is not null || p.DaemonReload || p.DaemonReexec)
            .WithMessage("give name (to read or change a unit), daemon_reload or daemon_reexec");
        RuleFor(p => p.State).Must(s => s is null).When(p => p.Scope == "global")
            .WithMessage("scope global only enables, disables or masks units (there is no global manager to start them)");
        RuleFor(p => p.Masked).Must(m => m is not true).When(p => p.State is "started" or "restarted" or "reloaded")
            .WithMessage(p => $"a masked unit cannot be {p.State}");
    }
}
