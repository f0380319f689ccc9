using Converge.Core.Diagnostics;
using Converge.Core.Modules;

namespace Converge.Modules.InstallPkg;

/// <summary>The pure half of <c>install-pkg</c>: the plan from the params, the resolved .debs and the dpkg status.</summary>
public static class PackagePlanner
{
    public static Plan Plan(InstallPkgParams parameters, IReadOnlyList<DebFile> debs, DpkgStatus status)
    {
        var changes = new List<Change>();
        var synced = new List<string>();
        var install = new List<string>();
        var remove = new List<string>();
        var refresh = parameters.UpdateCache && (status.CacheAgeSeconds is not { } age || age > parameters.CacheValidTime);
        if (refresh)
        {
            changes.Add(new Change("apt cache", status.CacheAgeSeconds is { } a ? $"updated {a} s ago" : "never updated", "updated"));
        }

        foreach (var request in (parameters.Name ?? []).Select(PackageRequest.Parse))
        {
            var installed = status.Installed(request.Name);
            var subject = $"package {request.Name}";
            switch (parameters.State)
            {
                case "absent" when installed is not null || (parameters.Purge && status.Known(request.Name) is { Status: "config-files" }):
                    changes.Add(new Change(subject, status.Known(request.Name)!.Describe(), parameters.Purge ? "purged" : "absent"));
                    remove.Add(request.Name);
                    break;
                case "absent":
                    synced.Add($"{request.Name} is not installed");
                    break;
                case "latest":
                    // Planned from the cache as it is now; with update_cache the candidate may move on after the refresh.
                    var candidate = status.Candidates.GetValueOrDefault(DpkgStatus.BaseName(request.Name));
                    if (candidate is null && !refresh)
                    {
                        throw new TaskFailedException($"package {request.Name} has no installation candidate in the apt cache (is the name right, or does the cache need update_cache?)");
                    }

                    if (installed is null || (candidate is not null && installed.Version != candidate))
                    {
                        changes.Add(new Change(subject, installed?.Version ?? "not installed", candidate ?? "latest"));
                        install.Add(request.Name);
                    }
                    else
                    {
                        synced.Add($"{request.Name} {installed.Version} is the latest");
                    }

                    break;
                default:
                    if (installed is null || !request.AcceptsVersion(installed.Version))
                    {
                        changes.Add(new Change(subject, installed?.Version ?? "not installed", request.Version ?? "present"));
                        install.Add(request.AptArgument);
                    }
                    else
                    {
                        synced.Add($"{request.Name} {installed.Version} is installed");
                    }

                    break;
            }
        }

        var changedDebs = new List<DebFile>();
        foreach (var deb in debs)
        {
            var installed = status.Installed(deb.Package);
            var subject = $"deb {deb.Package}";
            if (installed is null)
            {
                changes.Add(new Change(subject, status.Known(deb.Package)?.Describe() ?? "not installed", deb.Describe()));
                changedDebs.Add(deb);
            }
            else if (installed.Version != deb.Version || installed.Architecture != deb.Architecture || installed.RecordedSha256 != deb.Sha256)
            {
                var recorded = installed.RecordedSha256 is { } sha ? $"sha256 {sha[..Math.Min(12, sha.Length)]}" : "no recorded sha256";
                changes.Add(new Change(subject, $"{installed.Version} {installed.Architecture} ({recorded})", deb.Describe()));
                changedDebs.Add(deb);
            }
            else
            {
                synced.Add($"{deb.Package} {deb.Describe()} is installed from the same .deb");
            }
        }

        if (changes.Count == 0)
        {
            var reason = synced.Count > 0 ? string.Join("; ", synced) : $"the apt cache is younger than {parameters.CacheValidTime} s";
            return Core.Modules.Plan.InSync(reason);
        }

        return Core.Modules.Plan.Drift(changes) with { State = new InstallPkgWork(refresh, install, remove, changedDebs) };
    }
}
