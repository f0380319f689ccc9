using FluentValidation;

namespace Converge.Modules.Reboot;

public sealed class RebootParamsValidator : AbstractValidator<RebootParams>
{
    public RebootParamsValidator()
    {
        RuleFor(p => p.RebootCommand).NotEmpty().WithMessage("reboot_command must not be empty");
        RuleFor(p => p.TestCommand).NotEmpty().WithMessage("test_command must not be empty");
        RuleFor(p => p.BootIdPath).Must(b => b!.StartsWith('/')).When(p => p.BootIdPath is not null).WithMessage("boot_id_path must be an absolute path");
        RuleFor(p => p.BootTimeCommand).NotEmpty().When(p => p.BootTimeCommand is not null).WithMessage("boot_time_command must not be empty");
        RuleFor(p => p).Must(p => p.BootIdPath is null || p.BootTimeCommand is null).WithMessage("give boot_time_command or boot_id_path, not both");
        RuleForEach(p => p.SearchPaths).Must(s => s.StartsWith('/') && !s.Contains(':', StringComparison.Ordinal))
            .WithMessage((_, s) => $"search_paths entries must be absolute folders without ':', not '{s}'");
        RuleFor(p => p.RebootTimeout).GreaterThan(0).WithMessage("reboot_timeout must be 1 or more seconds");
        RuleFor(p => p.ConnectTimeout).GreaterThan(0).WithMessage("connect_timeout must be 1 or more seconds");
        RuleFor(p => p.PreRebootDelay).GreaterThanOrEqualTo(0).WithMessage("pre_reboot_delay must be 0 or more seconds");
        RuleFor(p => p.PostRebootDelay).GreaterThanOrEqualTo(0).WithMessage("post_reboot_delay must be 0 or more seconds");
        RuleFor(p => p).Must(p => p.PreRebootDelay + p.PostRebootDelay < p.RebootTimeout)
            .WithMessage("pre_reboot_delay + post_reboot_delay must be shorter than reboot_timeout");
    }
}
