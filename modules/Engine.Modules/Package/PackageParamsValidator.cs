using Converge.Modules.InstallPkg;
using FluentValidation;

namespace Converge.Modules.Package;

public sealed class PackageParamsValidator : AbstractValidator<PackageParams>
{
    public PackageParamsValidator()
    {
        RuleFor(p => p.Name).NotEmpty().WithMessage("name must list at least one package");
        RuleForEach(p => p.Name).Must(n => PackageRequest.Parse(n).IsValid).WithMessage((_, n) => $"'{n}' is not a package name (name or name=version)");
        RuleFor(p => p.State).Must(s => s is "present" or "absent" or "latest").WithMessage(p => $"state must be present, absent or latest, not '{p.State}'");
        RuleFor(p => p.Use).Must(u => u is "auto" or "apt")
            .WithMessage(p => $"use: {p.Use} is not available; Converge manages Debian-family hosts, where package runs apt (use: auto or apt)");
    }
}
