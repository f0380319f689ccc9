using Converge.Modules.Common;
using FluentValidation;

namespace Converge.Modules.Gem;

/// <summary>Ansible's argument spec and its run-time refusals, at load time.</summary>
public sealed class GemParamsValidator : AbstractValidator<GemParams>
{
    public GemParamsValidator()
    {
        RuleFor(p => p.Name).NotEmpty().WithMessage("missing required arguments: name");
        RuleFor(p => p.State).Must(s => s is "present" or "absent" or "latest").WithMessage(p => $"state must be one of present, absent, latest, not '{p.State}'");
        RuleFor(p => p).Must(p => p.GemSource is null || p.Repository is null).WithMessage("parameters are mutually exclusive: gem_source|repository");
        RuleFor(p => p).Must(p => p.GemSource is null || p.Version is null).WithMessage("parameters are mutually exclusive: gem_source|version");
        RuleFor(p => p.Version).Null().When(p => p.State == "latest").WithMessage("Cannot specify version when state=latest");
        RuleFor(p => p.GemSource).Null().When(p => p.State == "latest").WithMessage("Cannot maintain state=latest when installing from local source");
        RuleFor(p => p.InstallDir).Null().When(p => p.UserInstall).WithMessage("install_dir requires user_install=false");
        RuleFor(p => p.InstallDir).Must(PathRules.IsAbsolute).When(p => p.InstallDir is not null).WithMessage("install_dir must be an absolute path on the host");
        RuleFor(p => p.Bindir).Must(PathRules.IsAbsolute).When(p => p.Bindir is not null).WithMessage("bindir must be an absolute path on the host");
    }
}
