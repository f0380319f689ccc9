using FluentValidation;

namespace Converge.Modules.Modprobe;

public sealed class ModprobeParamsValidator : AbstractValidator<ModprobeParams>
{
    public ModprobeParamsValidator()
    {
        RuleFor(p => p.Name).Matches("^[A-Za-z0-9_-]+$").WithMessage(p => $"'{p.Name}' is not a kernel module name (letters, digits, _ and -)");
        RuleFor(p => p.State).Must(s => s is "present" or "absent").WithMessage(p => $"state must be present or absent, not '{p.State}'");
        RuleFor(p => p.Persistent).Must(s => s is "disabled" or "present" or "absent").WithMessage(p => $"persistent must be disabled, present or absent, not '{p.Persistent}'");
        RuleForEach(p => p.Params.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Matches("^[A-Za-z0-9_]+=\\S+$").OverridePropertyName("params")
            .WithMessage("params must be space-separated key=value pairs, e.g. 'nf_conntrack_helper=1'");
    }
}
