using FluentValidation;

namespace Converge.Modules.DpkgSelections;

public sealed class DpkgSelectionsParamsValidator : AbstractValidator<DpkgSelectionsParams>
{
    public DpkgSelectionsParamsValidator()
    {
        RuleFor(p => p.Name).Matches("^[a-z0-9][a-z0-9+.-]*(:[a-z0-9-]+)?$").WithMessage(p => $"'{p.Name}' is not a package name (lowercase letters, digits, + - . and an optional :arch)");
        RuleFor(p => p.Selection).Must(s => s is "install" or "hold" or "deinstall" or "purge")
            .WithMessage(p => $"selection must be install, hold, deinstall or purge, not '{p.Selection}'");
    }
}
