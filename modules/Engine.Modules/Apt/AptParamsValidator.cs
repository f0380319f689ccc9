using Converge.Modules.InstallPkg;
using FluentValidation;

namespace Converge.Modules.Apt;

public sealed class AptParamsValidator : AbstractValidator<AptParams>
{
    public static readonly IReadOnlyList<string> States = ["present", "absent", "latest", "build-dep", "fixed"];

    public static readonly IReadOnlyList<string> Upgrades = ["no", "yes", "safe", "full", "dist", "false", "true"];

    public AptParamsValidator()
    {
        RuleFor(p => p).Must(p => p.Name is { Count: > 0 } || p.Deb is not null || p.UpdateCache || p.Upgrade is not ("no" or "false") || p.Autoremove)
            .WithMessage("give name, deb, upgrade, autoremove or update_cache");
        RuleFor(p => p.State).Must(States.Contains).WithMessage(p => $"state must be one of {string.Join(", ", States)}, not '{p.State}'");
        RuleFor(p => p.Upgrade).Must(Upgrades.Contains).WithMessage(p => $"upgrade must be one of no, yes, safe, full, dist, not '{p.Upgrade}'");
        RuleForEach(p => p.Name).Must(n => n == "*" || PackageRequest.Parse(n).IsValid).WithMessage((_, n) => $"'{n}' is not a package name (name, or name=version where the version may be a wildcard such as 1.2.*)");
        RuleFor(p => p.Name).Must(n => n!.All(x => PackageRequest.Parse(x).Version is null)).When(p => p.State is not ("present" or "fixed") && p.Name is not null)
            .WithMessage(p => $"a pinned version (name=version) needs state: present, not {p.State}");
        RuleFor(p => p.Name).Must(n => n!.Count == 1).When(p => p.Name is not null && p.Name.Contains("*"))
            .WithMessage("name: '*' (every installed package) cannot be combined with other names");
        RuleFor(p => p.Name).Must(_ => false).When(p => p.Name is not null && p.Name.Contains("*") && p.State != "latest")
            .WithMessage("name: '*' needs state: latest (it upgrades every installed package)");
        RuleFor(p => p.Deb).Must(d => !d!.Contains("://", StringComparison.Ordinal)).When(p => p.Deb is not null)
            .WithMessage("deb must be a path on the host; download a URL first with get_url (Converge does not fetch it inside apt)");
        RuleFor(p => p.Deb).Must(d => d!.StartsWith('/')).When(p => p.Deb is not null && !p.Deb.Contains("://", StringComparison.Ordinal))
            .WithMessage("deb must be an absolute path on the host");
        RuleFor(p => p.State).Equal("present").When(p => p.Deb is not null).WithMessage("deb only supports state: present (as in Ansible)");
        RuleFor(p => p.CacheValidTime).GreaterThanOrEqualTo(0).WithMessage("cache_valid_time must be 0 or more seconds");
        RuleFor(p => p.PolicyRcD).InclusiveBetween(0, 255).When(p => p.PolicyRcD is not null).WithMessage(p => $"policy_rc_d must be an exit code from 0 to 255 (101 forbids starting services), not {p.PolicyRcD}");
        RuleFor(p => p.LockTimeout).GreaterThanOrEqualTo(0).WithMessage("lock_timeout must be 0 or more seconds");
        RuleFor(p => p.DefaultRelease).Matches("^[A-Za-z0-9.+~_/-]+$").When(p => !string.IsNullOrEmpty(p.DefaultRelease)).WithMessage("default_release must be a release name such as bookworm-backports");
        RuleFor(p => p.DpkgOptions).Must(o => Options(o).All(IsDpkgOption))
            .WithMessage(p => $"dpkg_options must be dpkg options without dashes, separated by commas (e.g. force-confdef,force-confold), not '{p.DpkgOptions}'");
    }

    private static bool IsDpkgOption(string option) => System.Text.RegularExpressions.Regex.IsMatch(option, "^[a-z][a-z0-9-]*(=[^ ,]+)?$");

    public static IReadOnlyList<string> Options(string dpkgOptions) =>
        [.. dpkgOptions.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
