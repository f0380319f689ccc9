using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Modules;
using Converge.Modules.Common;

namespace Converge.Modules.BuildDeb;

/// <summary>The build itself: dependencies, a fresh tree, the build command, and collecting and fetching the packages.</summary>
public sealed partial class BuildDebModule
{
    private static readonly IReadOnlyDictionary<string, string> Noninteractive = new Dictionary<string, string>
    {
        ["DEBIAN_FRONTEND"] = "noninteractive",
    };

    private static async Task<IReadOnlyList<BuildStamp.Built>> BuildAsync(ModuleContext context, BuildDebParams parameters, BuildDebWork work, CancellationToken ct)
    {
        var apt = TimeSpan.FromHours(1);
        if (parameters.BuildPackages is { Count: > 0 } packages)
        {
            await HostCommand.RunAsync(context, new CommandSpec("apt-get", ["install", "-y", "-q", .. packages]) { Environment = Noninteractive, Timeout = apt }, ct);
        }

        var remoteTarball = string.Empty;
        if (work.LocalTarball is { } tarball)
        {
            await HostCommand.RunAsync(context, CommandSpec.Change("mkdir", "-p", work.WorkDir), ct);
            remoteTarball = $"{work.WorkDir}/{Path.GetFileName(tarball)}";
            await context.Connection.UploadAsync(tarball, remoteTarball, FileWriteOptions.Default, ct);
        }

        await HostCommand.RunAsync(
            context,
            new CommandSpec("/bin/sh", ["-c", BuildScripts.Prepare, "converge-build-prepare", work.WorkDir, parameters.Src ?? string.Empty, remoteTarball, parameters.StripComponents.ToString(System.Globalization.CultureInfo.InvariantCulture), .. parameters.Patterns]),
            ct);

        if (parameters.BuildDep)
        {
            await HostCommand.RunAsync(context, new CommandSpec("apt-get", ["build-dep", "-y", "-q", "./"]) { WorkingDirectory = work.TreeDir, Environment = Noninteractive, Timeout = apt }, ct);
        }

        IReadOnlyList<string> command = parameters.Command
            ?? (parameters.Builder == "dpkg-buildpackage" ? ["dpkg-buildpackage", "-b", "-uc", "-us"] : ["fakeroot", "debian/rules", "binary"]);
        var parallel = parameters.Parallel?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
        // A long build runs as one request in the host's persistent shell (its time limit enforced on the host by
        // timeout(1)); nothing else of this host waits on that shell meanwhile, because the host's tasks run in order.
        await HostCommand.RunAsync(
            context,
            new CommandSpec("/bin/sh", ["-c", BuildScripts.Build, "converge-build", work.TreeDir, parallel, parameters.Nocheck ? "1" : "0", .. command])
            {
                Environment = parameters.Environment,
                Timeout = TimeSpan.FromSeconds(parameters.Timeout),
            },
            ct);

        var collected = await HostCommand.RunAsync(context, new CommandSpec("/bin/sh", ["-c", BuildScripts.Collect, "converge-build-collect", work.WorkDir, .. parameters.Patterns]), ct);
        var built = ParseCollected(collected.Stdout);
        return built.Count > 0
            ? built
            : throw new TaskFailedException($"the build of {work.Name} produced no file matching {string.Join(", ", parameters.Patterns)} in {work.WorkDir}");
    }

    /// <summary>Parses the collect script's lines: file, sha256, package, version, architecture.</summary>
    public static IReadOnlyList<BuildStamp.Built> ParseCollected(string stdout) =>
        [.. stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.TrimEnd('\r').Split('\t'))
            .Where(f => f.Length >= 5)
            .Select(f => new BuildStamp.Built(f[0], f[2], f[3], f[4], f[1]))
            .DistinctBy(b => b.File)
            .OrderBy(b => b.File, StringComparer.Ordinal)];

    /// <summary>Downloads each package into the store and checks its hash; null when a file is gone or differs on the host.</summary>
    private static async Task<IReadOnlyList<DebArtifact>?> TryDownloadAsync(ModuleContext context, BuildDebWork work, IReadOnlyList<BuildStamp.Built> built, CancellationToken ct)
    {
        var staging = Directory.CreateTempSubdirectory("converge-build-deb-").FullName;
        try
        {
            var artifacts = new List<DebArtifact>();
            foreach (var deb in built)
            {
                var local = Path.Combine(staging, deb.File);
                var remote = $"{work.WorkDir}/{deb.File}";
                if (await context.Connection.StatAsync(remote, null, ct) is null)
                {
                    return null;
                }

                await context.Connection.DownloadAsync(remote, local, null, ct);
                var (stored, sha256) = await context.Artifacts.AddAsync(local, ct);
                if (sha256 != deb.Sha256)
                {
                    return null;
                }

                artifacts.Add(new DebArtifact(stored, deb.File, deb.Package, deb.Version, deb.Architecture, sha256));
            }

            return artifacts;
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }
    }
}
