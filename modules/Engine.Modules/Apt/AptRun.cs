using System.Text;
using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Modules;
using Converge.Modules.Common;

namespace Converge.Modules.Apt;

/// <summary>
/// One apply of <c>apt</c>: the apt-get commands in Ansible's order (cache, upgrade, deb, packages, build-dep,
/// fixed, autoremove), each non-interactive, with the task's dpkg options, and each told how much of
/// lock_timeout is left (APT's <c>DPkg::Lock::Timeout</c>) in case another process takes the lock meanwhile.
/// </summary>
public sealed class AptRun(ModuleContext context, AptParams parameters)
{
    private static readonly string[] PurgeOption = ["--purge"];
    private static readonly string[] WithNewPackages = ["--with-new-pkgs"];

    private static readonly IReadOnlyDictionary<string, string> Noninteractive = new Dictionary<string, string>
    {
        ["DEBIAN_FRONTEND"] = "noninteractive",
        ["LC_ALL"] = "C",
    };

    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly DateTimeOffset _deadline = DateTimeOffset.UtcNow.AddSeconds(parameters.LockTimeout);

    public string Stdout => _stdout.ToString();

    public string Stderr => _stderr.ToString();

    /// <summary>" (waited N s for the dpkg lock)" when it had to wait, for the apply message.</summary>
    public string Waited { get; private set; } = string.Empty;

    public async Task WaitForLockAsync(CancellationToken ct)
    {
        var waited = await DpkgLock.WaitAsync(context, TimeSpan.FromSeconds(parameters.LockTimeout), context.Log, ct);
        if (waited >= TimeSpan.FromSeconds(1))
        {
            Waited = $" (waited {waited.TotalSeconds:0} s for the dpkg lock)";
        }
    }

    public async Task ExecuteAsync(AptWork work, CancellationToken ct)
    {
        if (work.RefreshCache)
        {
            await AptGetAsync(["update"], ct);
        }

        // As in Ansible, policy_rc_d covers the package work but not the cache refresh.
        if (parameters.PolicyRcD is { } code)
        {
            await new PolicyRcD(context, code).RunAsync(() => PackageWorkAsync(work, ct), ct);
        }
        else
        {
            await PackageWorkAsync(work, ct);
        }
    }

    private async Task PackageWorkAsync(AptWork work, CancellationToken ct)
    {
        if (work.Upgrade)
        {
            await AptGetAsync([.. Common(), parameters.Upgrade is "full" or "dist" ? "dist-upgrade" : "upgrade", .. parameters.Upgrade is "full" or "dist" ? [] : WithNewPackages], ct);
        }

        if (parameters.Deb is { } deb && (work.Deb is null || work.Deb.InstalledVersion != work.Deb.Version))
        {
            await InstallDebAsync(deb, ct);
        }

        if (work.Packages is { } packages)
        {
            if (packages.Remove.Count > 0)
            {
                await AptGetAsync([.. Common(), parameters.Purge ? "purge" : "remove", .. packages.Remove], ct);
            }

            if (packages.Install.Count > 0)
            {
                string[] only = parameters.OnlyUpgrade ? ["--only-upgrade"] : [];
                await AptGetAsync([.. Common(), "install", .. only, .. packages.Install], ct);
            }
        }

        if (work.MarkManual.Count > 0)
        {
            await MarkManualAsync(work.MarkManual, ct);
        }

        if (work.BuildDep)
        {
            await AptGetAsync([.. Common(), "build-dep", .. AptFacts.Names(parameters)], ct);
        }

        if (work.Fix)
        {
            await AptGetAsync([.. Common(), "-f", "install", .. AptFacts.Names(parameters)], ct);
        }

        if (work.Autoremove)
        {
            await AptGetAsync([.. Common(), "autoremove", .. parameters.Purge ? PurgeOption : []], ct);
        }
    }

    /// <summary>Ansible's mark_installed_manually: <c>apt-mark manual</c>, or <c>unmarkauto</c> where apt-mark is too old to know it.</summary>
    private async Task MarkManualAsync(IReadOnlyList<string> packages, CancellationToken ct)
    {
        var marked = await context.Connection.RunAsync(new CommandSpec("apt-mark", ["manual", .. packages]) { Environment = Noninteractive }, ct);
        Record(marked);
        if (marked.Stderr.Contains("Invalid operation", StringComparison.Ordinal) || marked.Stderr.Contains("Usage: apt-mark [options] {markauto|unmarkauto} packages", StringComparison.Ordinal))
        {
            marked = await context.Connection.RunAsync(new CommandSpec("apt-mark", ["unmarkauto", .. packages]) { Environment = Noninteractive }, ct);
            Record(marked);
        }

        if (!marked.Succeeded)
        {
            throw new TaskFailedException($"'apt-mark manual {string.Join(' ', packages)}' failed: {marked.StderrTail(3)}", $"apt-mark manual {string.Join(' ', packages)}", marked.ExitCode, marked.StderrTail());
        }
    }

    /// <summary>dpkg -i, then apt-get -f install for its dependencies (apt-get(8) --fix-broken), then a check that it is installed.</summary>
    private async Task InstallDebAsync(string deb, CancellationToken ct)
    {
        var options = AptParamsValidator.Options(parameters.DpkgOptions).Select(o => "--" + o);
        var dpkg = new CommandSpec("dpkg", [.. options, "-i", deb]) { Environment = Noninteractive, Timeout = TimeSpan.FromHours(1) };
        var installed = await context.Connection.RunAsync(dpkg, ct);
        Record(installed);
        if (!installed.Succeeded)
        {
            await AptGetAsync([.. Common(), "-f", "install"], ct);
        }

        context.Facts.InvalidateAll();
        if (await context.Facts.GetAsync(new DebControlFact(deb), ct) is not { } now)
        {
            throw new TaskFailedException($"{deb} does not exist on the host");
        }

        if (now.InstalledVersion != now.Version)
        {
            throw new TaskFailedException($"after dpkg -i {deb}, {now.Package} {now.Version} is not installed", dpkg.CommandLine, installed.ExitCode, installed.StderrTail());
        }
    }

    private string[] Common()
    {
        var list = new List<string> { "-y", "-q" };
        foreach (var option in AptParamsValidator.Options(parameters.DpkgOptions))
        {
            list.AddRange(["-o", $"Dpkg::Options::=--{option}"]);
        }

        if (parameters.InstallRecommends is { } recommends)
        {
            list.Add(recommends ? "--install-recommends" : "--no-install-recommends");
        }

        if (parameters.DefaultRelease is { Length: > 0 } release)
        {
            list.AddRange(["-t", release]);
        }

        if (parameters.AllowDowngrade)
        {
            list.Add("--allow-downgrades");
        }

        if (parameters.AllowUnauthenticated)
        {
            list.Add("--allow-unauthenticated");
        }

        if (parameters.AllowChangeHeldPackages)
        {
            list.Add("--allow-change-held-packages");
        }

        if (parameters.Force)
        {
            list.Add("--force-yes");
        }

        return [.. list];
    }

    private async Task AptGetAsync(IReadOnlyList<string> arguments, CancellationToken ct)
    {
        var left = Math.Max(0, (int)(_deadline - DateTimeOffset.UtcNow).TotalSeconds);
        var command = new CommandSpec("apt-get", ["-o", $"DPkg::Lock::Timeout={left}", .. arguments]) { Environment = Noninteractive, Timeout = TimeSpan.FromHours(1) };
        var result = await HostCommand.RunAsync(context, command, ct);
        Record(result);
    }

    private void Record(CommandResult result)
    {
        _stdout.Append(result.Stdout);
        _stderr.Append(result.Stderr);
    }
}
