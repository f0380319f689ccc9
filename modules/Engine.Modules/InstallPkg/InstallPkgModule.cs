using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Modules;
using Converge.Modules.Common;
using FluentValidation;

namespace Converge.Modules.InstallPkg;

/// <summary>
/// <c>install-pkg</c>: apt packages by name (present, pinned, latest or absent) and local <c>.deb</c>s
/// from the controller. One probe decides everything (<see cref="DpkgStatusFact"/>); a <c>.deb</c> is
/// reinstalled when its sha256 differs from the one recorded at its last install, so a rebuilt package
/// with an unchanged version still reaches the host.
/// </summary>
public sealed class InstallPkgModule : WorkModule<InstallPkgParams, InstallPkgWork>
{
    /// <summary>
    /// apt and dpkg must never ask: no debconf questions, and a changed conffile keeps the host's copy
    /// unless the package's default says otherwise (dpkg(1) --force-confdef/--force-confold).
    /// </summary>
    private static readonly IReadOnlyDictionary<string, string> Noninteractive = new Dictionary<string, string>
    {
        ["DEBIAN_FRONTEND"] = "noninteractive",
        ["LC_ALL"] = "C",
    };

    private static readonly string[] ConffileOptions = ["-o", "Dpkg::Options::=--force-confdef", "-o", "Dpkg::Options::=--force-confold"];

    public override string Name => "install-pkg";

    protected override IValidator<InstallPkgParams> ParamsValidator => ParamsValidators.Of<InstallPkgParamsValidator>();

    public override async Task<Plan> CheckAsync(ModuleContext context, InstallPkgParams parameters, CancellationToken ct)
    {
        DebReferences.TryRead(parameters.Deb, out var references, out var error);
        if (error is not null)
        {
            throw new TaskFailedException("install-pkg: " + error);
        }

        var debs = await DebInspector.ResolveAsync(context, references, ct);
        var status = await context.Facts.GetAsync(StatusFact(parameters, debs), ct);
        return PackagePlanner.Plan(parameters, debs, status);
    }

    protected override async Task<ApplyResult> ApplyAsync(ModuleContext context, InstallPkgParams parameters, Plan plan, InstallPkgWork work, CancellationToken ct)
    {
        // Wait for the dpkg lock first, bounded and saying who holds it, instead of failing at once (apt's lock_timeout).
        var waited = await Apt.DpkgLock.WaitAsync(context, TimeSpan.FromSeconds(parameters.LockTimeout), context.Log, ct);
        try
        {
            if (work.RefreshCache)
            {
                await AptAsync(context, ["update", "-q"], ct);
            }

            if (work.Remove.Count > 0)
            {
                await AptAsync(context, [parameters.Purge ? "purge" : "remove", "-y", "-q", .. work.Remove], ct);
            }

            if (work.Install.Count > 0)
            {
                string[] downgrade = parameters.AllowDowngrade ? ["--allow-downgrades"] : [];
                await AptAsync(context, ["install", "-y", "-q", .. ConffileOptions, .. downgrade, .. work.Install], ct);
            }

            if (work.Debs.Count > 0)
            {
                await InstallDebsAsync(context, parameters, work.Debs, ct);
            }
        }
        finally
        {
            context.Facts.Invalidate<DpkgStatusFact>();
        }

        return ApplyResult.Done($"install-pkg: {plan.Reason}{(waited >= TimeSpan.FromSeconds(1) ? $" (waited {waited.TotalSeconds:0} s for the dpkg lock)" : string.Empty)}");
    }

    private static DpkgStatusFact StatusFact(InstallPkgParams parameters, IReadOnlyList<DebFile> debs)
    {
        var names = (parameters.Name ?? []).Select(n => PackageRequest.Parse(n).Name).Concat(debs.Select(d => d.Package)).Distinct(StringComparer.Ordinal).ToList();
        return new DpkgStatusFact(names, parameters.RecordDirectory, candidates: parameters.State == "latest", cacheAge: parameters.UpdateCache);
    }

    private static Task<CommandResult> AptAsync(ModuleContext context, IReadOnlyList<string> arguments, CancellationToken ct) =>
        HostCommand.RunAsync(context, new CommandSpec("apt-get", arguments) { Environment = Noninteractive, Timeout = TimeSpan.FromHours(1) }, ct);

    /// <summary>
    /// Uploads the .debs to a fresh folder, installs them in one <c>dpkg -i</c> (so they may depend on
    /// each other), lets apt fetch missing dependencies, then records each file's sha256.
    /// </summary>
    private static async Task InstallDebsAsync(ModuleContext context, InstallPkgParams parameters, IReadOnlyList<DebFile> debs, CancellationToken ct)
    {
        var folder = (await HostCommand.RunAsync(context, CommandSpec.Change("mktemp", "-d", "/tmp/converge-debs.XXXXXX"), ct)).Stdout.Trim();
        try
        {
            var remote = new List<string>();
            foreach (var deb in debs)
            {
                var path = $"{folder}/{deb.FileName}";
                await context.Connection.UploadAsync(deb.LocalPath, path, FileWriteOptions.Default with { Mode = 0b110_100_100 }, ct);
                remote.Add(path);
            }

            var dpkg = new CommandSpec("dpkg", ["--force-confdef", "--force-confold", "-i", .. remote]) { Environment = Noninteractive, Timeout = TimeSpan.FromHours(1) };
            var installed = await context.Connection.RunAsync(dpkg, ct);
            if (!installed.Succeeded)
            {
                // dpkg leaves packages with missing dependencies unconfigured; apt-get -f installs the
                // dependencies from the archive and configures them (apt-get(8), --fix-broken).
                var fixedUp = await context.Connection.RunAsync(new CommandSpec("apt-get", ["-f", "install", "-y", "-q", .. ConffileOptions]) { Environment = Noninteractive, Timeout = TimeSpan.FromHours(1) }, ct);
                if (!fixedUp.Succeeded)
                {
                    throw new TaskFailedException(
                        $"dpkg -i failed and apt-get -f install could not resolve it: {fixedUp.StderrTail(3)}", dpkg.CommandLine, installed.ExitCode, installed.StderrTail() + "\n" + fixedUp.StderrTail());
                }
            }

            // apt-get -f may also resolve a conflict by removing the new package, so what is installed now decides.
            context.Facts.Invalidate<DpkgStatusFact>();
            var status = await context.Facts.GetAsync(new DpkgStatusFact([.. debs.Select(d => d.Package)], parameters.RecordDirectory, false, false), ct);
            var missing = debs.Where(d => status.Installed(d.Package) is not { } p || p.Version != d.Version).Select(d => $"{d.Package} {d.Version}").ToList();
            if (missing.Count > 0)
            {
                throw new TaskFailedException($"after dpkg -i, not installed: {string.Join(", ", missing)}", dpkg.CommandLine, installed.ExitCode, installed.StderrTail());
            }

            await context.Connection.EnsureDirectoryAsync(parameters.RecordDirectory, "install-pkg", ct);
            foreach (var deb in debs)
            {
                await context.Connection.WriteFileAsync($"{parameters.RecordDirectory}/{deb.Package}.sha256", System.Text.Encoding.UTF8.GetBytes(deb.Sha256 + "\n"), FileWriteOptions.Default with { Mode = 0b110_100_100 }, ct);
            }
        }
        finally
        {
            await context.Connection.RunAsync(CommandSpec.Change("rm", "-rf", folder), ct);
        }
    }
}
