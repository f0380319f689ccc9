using Converge.Modules.InstallPkg;
using FluentValidation;

namespace Converge.Modules.Package;

public sealed class PackageParamsValidator : AbstractValidator<PackageParams>
{
    /// <summary>Why a yum/dnf-only parameter cannot apply: Ansible's package passes it to apt, which rejects it too.</summary>
    private const string RpmOnly = "is a yum/dnf parameter; on Debian-family hosts package runs apt, which does not take it (Ansible's apt fails with 'Unsupported parameters' too)";

    public PackageParamsValidator()
    {
        RuleFor(p => p.Name).NotEmpty().When(p => !p.UpdateCache).WithMessage("give name (the packages), or update_cache alone");
        RuleForEach(p => p.Name).Must(n => PackageRequest.Parse(n).IsValid).WithMessage((_, n) => $"'{n}' is not a package name (name or name=version)");
        RuleFor(p => p.State).Must(s => s is "present" or "absent" or "latest").WithMessage(p => $"state must be present, absent or latest, not '{p.State}'");
        RuleFor(p => p.Use).Must(u => u is "auto" or "apt")
            .WithMessage(p => $"use: {p.Use} is not available; Converge manages Debian-family hosts, where package runs apt (use: auto or apt)");
        RuleFor(p => p.CacheValidTime).GreaterThanOrEqualTo(0).WithMessage("cache_valid_time must be 0 or more seconds");
        RuleFor(p => p.Enablerepo).Null().WithMessage($"enablerepo {RpmOnly}");
        RuleFor(p => p.Disablerepo).Null().WithMessage($"disablerepo {RpmOnly}");
    }
}
