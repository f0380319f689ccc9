using Converge.Modules.Common;
using FluentValidation;

namespace Converge.Modules.Npm;

public sealed class NpmParamsValidator : AbstractValidator<NpmParams>
{
    public NpmParamsValidator()
    {
        RuleFor(p => p.Path).NotEmpty().When(p => !p.Global).WithMessage("path must be specified when not using global");
        RuleFor(p => p.Path).Must(PathRules.IsAbsolute).When(p => !string.IsNullOrEmpty(p.Path)).WithMessage("path must be an absolute path on the host");
        RuleFor(p => p.Name).NotEmpty().When(p => p.State == "absent").WithMessage("uninstalling a package is only available for named packages");
        RuleFor(p => p.State).Must(s => s is "present" or "absent" or "latest").WithMessage(p => $"state must be one of present, absent, latest, not '{p.State}'");
    }
}
