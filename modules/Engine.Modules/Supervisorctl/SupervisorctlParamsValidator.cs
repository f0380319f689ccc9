using Converge.Modules.Common;
using FluentValidation;

namespace Converge.Modules.Supervisorctl;

/// <summary>Ansible's argument spec: name and state required, state's choices, signal required with signalled.</summary>
public sealed class SupervisorctlParamsValidator : AbstractValidator<SupervisorctlParams>
{
    public static readonly IReadOnlyList<string> States = ["present", "started", "stopped", "restarted", "absent", "signalled"];

    public SupervisorctlParamsValidator()
    {
        RuleFor(p => p.Name).NotEmpty().WithMessage("missing required arguments: name");
        RuleFor(p => p.State).NotEmpty().WithMessage($"missing required arguments: state (one of {string.Join(", ", States)})");
        RuleFor(p => p.State).Must(States.Contains).When(p => p.State.Length > 0).WithMessage(p => $"state must be one of {string.Join(", ", States)}, not '{p.State}'");
        RuleFor(p => p.Signal).NotEmpty().When(p => p.State == "signalled").WithMessage("state is signalled but all of the following are missing: signal");
        RuleFor(p => p.SupervisorctlPath).Must(PathRules.IsAbsolute).When(p => p.SupervisorctlPath is not null).WithMessage("supervisorctl_path must be an absolute path on the host");
        RuleFor(p => p.Config).Must(PathRules.IsAbsolute).When(p => p.Config is not null).WithMessage("config must be an absolute path on the host");
    }
}
