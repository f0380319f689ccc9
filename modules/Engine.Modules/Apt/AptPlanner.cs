using Converge.Core.Modules;
using Converge.Modules.InstallPkg;

namespace Converge.Modules.Apt;

/// <summary>
/// The pure half of <c>apt</c>: the plan from the params and what the probes read. Named packages are planned
/// by install-pkg's <see cref="PackagePlanner"/> (one definition of present/latest/absent); upgrade,
/// autoremove, build-dep and fixed by apt-get's own simulation. As in Ansible, refreshing a stale cache is
/// not a change by itself when there is package work: it happens before that work, only when there is some.
/// </summary>
public static class AptPlanner
{
    public sealed record Reads(DpkgStatus Status, DebOnHost? Deb, AptSimulation? Upgrade, AptSimulation? BuildDep, AptSimulation? Fix, AptSimulation? Autoremove);

    public static Plan Plan(AptParams parameters, Reads reads)
    {
        var changes = new List<Change>();
        var synced = new List<string>();
        var age = reads.Status.CacheAgeSeconds;
        var stale = (parameters.UpdateCache || parameters.CacheValidTime > 0) && (age is not { } a || a > parameters.CacheValidTime);
        var assumed = false;

        var upgrade = Simulated(reads.Upgrade, changes, synced, "nothing to upgrade");
        var deb = reads.Deb;
        if (parameters.Deb is { } debPath)
        {
            if (deb is null)
            {
                changes.Add(new Change($"deb {debPath}", "not on the host yet", "installed"));
                assumed = true;
            }
            else if (deb.InstalledVersion != deb.Version)
            {
                changes.Add(new Change($"package {deb.Package}", deb.InstalledVersion ?? "not installed", $"{deb.Version} (from {debPath})"));
            }
            else
            {
                synced.Add($"{deb.Package} {deb.Version} from {debPath} is installed");
            }
        }

        var (packages, marks) = Packages(parameters, reads.Status, stale, changes, synced);
        var buildDep = Simulated(reads.BuildDep, changes, synced, "the build dependencies are installed");
        var fix = Simulated(reads.Fix, changes, synced, "nothing is broken");
        var autoremove = Simulated(reads.Autoremove, changes, synced, "nothing to autoremove");

        var updateOnly = parameters.Name is not { Count: > 0 } && parameters.Deb is null && reads.Upgrade is null && !parameters.Autoremove;
        if (changes.Count == 0 && !(updateOnly && stale))
        {
            var reason = synced.Count > 0 ? string.Join("; ", synced) : $"the apt cache is younger than cache_valid_time {parameters.CacheValidTime} s";
            return Core.Modules.Plan.InSync(reason) with { Output = Output(false, age) };
        }

        if (changes.Count == 0)
        {
            changes.Add(new Change("apt cache", age is { } old ? $"updated {old} s ago" : "never updated", "updated"));
        }

        var work = new AptWork(stale, upgrade, deb, packages, buildDep, fix, autoremove) { MarkManual = marks };
        return Core.Modules.Plan.Drift(changes) with { State = work, Assumed = assumed, Output = Output(false, age) };
    }

    /// <summary>Ansible's return keys for <c>register:</c>.</summary>
    public static Dictionary<string, object?> Output(bool cacheUpdated, long? cacheAgeSeconds) => new(StringComparer.Ordinal)
    {
        ["cache_updated"] = cacheUpdated,
        ["cache_update_time"] = cacheAgeSeconds is { } age ? DateTimeOffset.UtcNow.ToUnixTimeSeconds() - age : 0,
    };

    private static (InstallPkgWork? Work, IReadOnlyList<string> Marks) Packages(AptParams parameters, DpkgStatus status, bool stale, List<Change> changes, List<string> synced)
    {
        var names = AptFacts.Names(parameters);
        if (parameters.OnlyUpgrade)
        {
            // only_upgrade never installs: a package that is not installed is left alone, as in Ansible.
            names = [.. names.Where(n => status.Installed(PackageRequest.Parse(n).Name) is not null)];
        }

        if (names.Count == 0 || parameters.State is not ("present" or "absent" or "latest"))
        {
            return (null, []);
        }

        var inner = new InstallPkgParams
        {
            Name = names,
            State = parameters.State,
            Purge = parameters.Purge && parameters.State == "absent",
            AllowDowngrade = parameters.AllowDowngrade,

            // A stale cache about to be refreshed may know a candidate the current one lacks.
            UpdateCache = stale,
            CacheValidTime = parameters.CacheValidTime,
        };
        var plan = PackagePlanner.Plan(inner, [], status);
        var work = plan.State as InstallPkgWork;
        var package = plan.Changes.Where(c => c.Path != "apt cache").ToList();
        var marks = AutoInstalled(parameters, names, status);
        changes.AddRange(marks.Where(m => package.All(c => c.Path != $"package {m}")).Select(m => new Change($"package {m}", "automatically installed", "manually installed")));
        if (package.Count == 0)
        {
            // The plan's only change was the stale cache, which is no change by itself here.
            if (marks.Count == 0)
            {
                synced.Add(plan.IsDrift
                    ? string.Join("; ", names.Select(n => status.Installed(PackageRequest.Parse(n).Name) is { } p ? $"{PackageRequest.Parse(n).Name} {p.Version} is installed" : $"{n} is not installed"))
                    : plan.Reason);
            }

            return (null, marks);
        }

        changes.AddRange(package);
        return (work, marks);
    }

    /// <summary>
    /// The named packages, installed, that apt marks as automatically installed: Ansible's install() marks every named
    /// package manual after its apt-get (<c>apt-mark manual</c>), so a later autoremove keeps what a task asked for.
    /// Ansible 2.14 does it silently (changed stays false, and check mode neither marks nor tells); Converge reports it
    /// as the change it is, since an apply runs only on drift.
    /// </summary>
    private static IReadOnlyList<string> AutoInstalled(AptParams parameters, IReadOnlyList<string> names, DpkgStatus status) =>
        parameters.State is not ("present" or "latest")
            ? []
            : [.. names.Select(n => DpkgStatus.BaseName(PackageRequest.Parse(n).Name)).Where(n => status.Installed(n) is not null && status.AutoInstalled.Contains(n)).Distinct()];

    private static bool Simulated(AptSimulation? simulation, List<Change> changes, List<string> synced, string quiet)
    {
        if (simulation is null)
        {
            return false;
        }

        if (simulation.IsEmpty)
        {
            synced.Add(quiet);
            return false;
        }

        changes.AddRange(simulation.Installs.Concat(simulation.Removes).Select(s => new Change($"package {s.Package}", s.Before ?? "not installed", s.After ?? "removed")));
        return true;
    }
}
