using System.Diagnostics;
using CliWrap;

namespace Converge.Lab;

/// <summary>
/// The cached lab image: an ext4 file holding a Debian root at /rootfs, built once by
/// build-image.sh and rebuilt only when the recipe's version changes (the stamp beside it).
/// Several processes may ask at once (parallel tests): one builds under a lock, the others wait.
/// </summary>
public sealed class LabImage(LabPaths paths, LabImageRecipe recipe)
{
    public string File => paths.ImageFileOf(recipe.Name);

    private string Stamp => paths.ImageStampOf(recipe.Name);

    public bool IsCurrent =>
        System.IO.File.Exists(File) && System.IO.File.Exists(Stamp) &&
        System.IO.File.ReadAllText(Stamp).Trim() == recipe.Version;

    /// <summary>Builds the image unless the cached one is current; returns whether it built.</summary>
    public async Task<bool> EnsureAsync(Action<string> log, CancellationToken ct)
    {
        if (IsCurrent)
        {
            return false;
        }

        Directory.CreateDirectory(paths.Cache);
        using var buildLock = await LabLock.AcquireAsync(Path.Combine(paths.Cache, "build.lock"), TimeSpan.FromMinutes(20), ct);
        if (IsCurrent)
        {
            return false;
        }

        await BuildAsync(log, ct);
        return true;
    }

    private async Task BuildAsync(Action<string> log, CancellationToken ct)
    {
        log($"building the lab image '{recipe.Name}' (Debian {recipe.Suite} from {recipe.Mirror}, version {recipe.Version}); this takes a minute or two, once");
        var clock = Stopwatch.StartNew();
        var script = Path.Combine(paths.Cache, "build-image.sh");
        LabScripts.WriteExecutable(script, LabScripts.Read("scripts/build-image.sh"));
        var logFile = Path.Combine(paths.Cache, "build.log");
        await using var logStream = System.IO.File.Create(logFile);
        var env = new Dictionary<string, string?>
        {
            ["LAB_IMAGE_FILE"] = File,
            ["LAB_MIRROR"] = recipe.Mirror,
            ["LAB_SUITE"] = recipe.Suite,
            ["LAB_INCLUDE"] = string.Join(',', recipe.Include),
            ["LAB_REPO_PACKAGES"] = string.Join(' ', recipe.RepositoryPackages),
            ["LAB_STAMP"] = recipe.Version,
            ["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        };
        // A private mount namespace: the image's loop mount never appears in the machine's mount table.
        var result = await Cli.Wrap("unshare")
            .WithArguments(["--mount", "--propagation", "private", script])
            .WithEnvironmentVariables(env)
            .WithStandardOutputPipe(PipeTarget.ToStream(logStream))
            .WithStandardErrorPipe(PipeTarget.ToStream(logStream))
            .WithValidation(CommandResultValidation.None)
            .ExecuteAsync(ct);
        await logStream.FlushAsync(ct);
        if (result.ExitCode != 0)
        {
            var tail = System.IO.File.ReadLines(logFile).TakeLast(15);
            throw new LabException($"building the lab image failed (exit {result.ExitCode}); the last lines of {logFile}:\n{string.Join('\n', tail)}");
        }

        await System.IO.File.WriteAllTextAsync(Stamp, recipe.Version + "\n", ct);
        log($"lab image built in {clock.Elapsed.TotalSeconds:F0} s: {File}");
    }
}
