using FluentValidation;

namespace Converge.Modules.InstallPkg;

public sealed class InstallPkgParamsValidator : AbstractValidator<InstallPkgParams>
{
    public static readonly IReadOnlyList<string> States = ["present", "absent", "latest"];

    public InstallPkgParamsValidator()
    {
        RuleFor(p => p).Must(p => p.Name is { Count: > 0 } || p.Deb is not null || p.UpdateCache)
            .WithMessage("give name (apt packages), deb (.deb files), or update_cache");
        RuleFor(p => p.State).Must(States.Contains).WithMessage(p => $"state must be one of {string.Join(", ", States)}, not '{p.State}'");
        RuleForEach(p => p.Name).Must(n => PackageRequest.Parse(n).IsValid).WithMessage((_, n) => $"'{n}' is not a package name (name or name=version)");
        RuleFor(p => p.Name).Must(n => n!.All(x => PackageRequest.Parse(x).Version is null)).When(p => p.State != "present" && p.Name is not null)
            .WithMessage(p => $"a pinned version (name=version) needs state: present, not {p.State}");
        RuleFor(p => p.Deb).Must(d => DebReferences.TryRead(d, out _, out _)).When(p => p.Deb is not null)
            .WithMessage(p => DebReferences.TryRead(p.Deb, out _, out var error) ? string.Empty : error!);
        RuleFor(p => p.Deb).Null().When(p => p.State == "absent").WithMessage("deb installs files; to remove their packages use name with state: absent");
        RuleFor(p => p.CacheValidTime).GreaterThanOrEqualTo(0).WithMessage("cache_valid_time must be 0 or more seconds");
        RuleFor(p => p.Purge).Equal(false).When(p => p.State != "absent").WithMessage("purge needs state: absent");
        RuleFor(p => p.RecordDirectory).Must(d => d.StartsWith('/')).WithMessage("record_directory must be an absolute path");
        RuleFor(p => p.LockTimeout).GreaterThanOrEqualTo(0).WithMessage("lock_timeout must be 0 or more seconds");
    }
}
