using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Converge.Core.Artifacts;
using Converge.Core.Diagnostics;
using Converge.Core.Modules;
using FluentValidation;

namespace Converge.Modules.BuildDeb;

/// <summary>
/// <c>build-deb</c>: builds Debian packages on a build host and fetches them to the controller's
/// content-addressed artifact store. Idempotent through a stamp in the work folder: when the source and
/// the options hash as they did at the last build and its packages are in the store, nothing is rebuilt.
/// Registers the same output either way: <c>artifacts</c> (path, file, package, version, architecture,
/// sha256) and <c>paths</c>, so other hosts' tasks read them through <c>hostvars</c>.
/// </summary>
public sealed partial class BuildDebModule : WorkModule<BuildDebParams, BuildDebWork>
{
    public override string Name => "build-deb";

    protected override IValidator<BuildDebParams> ParamsValidator => ParamsValidators.Of<BuildDebParamsValidator>();

    public override async Task<Plan> CheckAsync(ModuleContext context, BuildDebParams parameters, CancellationToken ct)
    {
        var name = SourceName(parameters);
        var workDir = (parameters.WorkDir ?? $"/var/tmp/converge-build/{name}").TrimEnd('/');
        string? tarball = null;
        string? tarballSha = null;
        if (parameters.Tarball is not null)
        {
            tarball = context.ResolveLocalPath(parameters.Tarball, "files");
            if (!File.Exists(tarball))
            {
                throw new TaskFailedException($"tarball {parameters.Tarball} does not exist on the controller (looked at {tarball})");
            }

            tarballSha = await ArtifactStore.Sha256Async(tarball, ct);
        }

        var host = await context.Facts.GetAsync(new BuildSourceFact(parameters.Src, $"{workDir}/converge-build.json"), ct);
        var source = tarballSha ?? host.SourceSha256 ?? throw new TaskFailedException($"the source hash of {parameters.Src} could not be computed");
        var work = new BuildDebWork(name, workDir, tarball, source, OptionsSha256(parameters));
        var subject = $"build {name}";
        var stamp = host.Stamp;
        if (stamp is null)
        {
            return Plan.Drift(new Change(subject, "never built", $"built from source sha256 {Short(source)}"), $"{name} has not been built in {workDir}") with { State = work };
        }

        var changes = new List<Change>();
        if (stamp.SourceSha256 != source)
        {
            changes.Add(new Change($"{subject}: source", $"sha256 {Short(stamp.SourceSha256)}", $"sha256 {Short(source)}"));
        }

        if (stamp.OptionsSha256 != work.OptionsSha256)
        {
            changes.Add(new Change($"{subject}: options", $"sha256 {Short(stamp.OptionsSha256)}", $"sha256 {Short(work.OptionsSha256)}"));
        }

        if (changes.Count > 0)
        {
            return Plan.Drift(changes, $"{name} changed since its last build") with { State = work };
        }

        var missing = stamp.Artifacts.Where(a => !File.Exists(StoredPath(context, a))).Select(a => a.File).ToList();
        if (missing.Count > 0)
        {
            return Plan.Drift(new Change($"{subject}: artifacts", $"missing from the controller's store: {string.Join(", ", missing)}", $"downloaded from {workDir}"))
                with { State = work with { DownloadOnly = stamp } };
        }

        return Plan.InSync($"built from the same source (sha256 {Short(source)}): {string.Join(", ", stamp.Artifacts.Select(a => a.File))}")
            with { Output = Output(source, stamp.Artifacts.Select(a => Artifact(context, a))) };
    }

    protected override async Task<ApplyResult> ApplyAsync(ModuleContext context, BuildDebParams parameters, Plan plan, BuildDebWork work, CancellationToken ct)
    {
        if (work.DownloadOnly is { } stamp && await TryDownloadAsync(context, work, stamp.Artifacts, ct) is { } fetched)
        {
            return new ApplyResult($"build-deb: fetched {fetched.Count} packages of {work.Name} from the last build") { Output = Output(work.SourceSha256, fetched) };
        }

        var built = await BuildAsync(context, parameters, work, ct);
        var artifacts = await TryDownloadAsync(context, work, built, ct)
            ?? throw new TaskFailedException($"the packages built in {work.WorkDir} changed while they were downloaded");
        var newStamp = new BuildStamp(work.SourceSha256, work.OptionsSha256, built);
        await context.Connection.WriteFileAsync(work.StampPath, Encoding.UTF8.GetBytes(newStamp.ToJson()), new Core.Connections.FileWriteOptions { Mode = 0b110_100_100 }, ct);
        context.Facts.Invalidate<BuildSourceFact>();
        return new ApplyResult($"build-deb: built {string.Join(", ", built.Select(b => b.File))}") { Output = Output(work.SourceSha256, artifacts) };
    }

    /// <summary>The folder name of the source: the tree's last segment, or the tarball's name without its extensions.</summary>
    public static string SourceName(BuildDebParams parameters)
    {
        if (parameters.Src is { } src)
        {
            return Path.GetFileName(src.TrimEnd('/'));
        }

        var file = Path.GetFileName(parameters.Tarball!);
        foreach (var extension in new[] { ".tar.gz", ".tar.xz", ".tar.bz2", ".tar.zst", ".tgz", ".tar" })
        {
            if (file.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
            {
                return file[..^extension.Length];
            }
        }

        return file;
    }

    /// <summary>What, besides the source, decides the packages: a change here rebuilds. <c>parallel</c> does not.</summary>
    public static string OptionsSha256(BuildDebParams parameters)
    {
        var options = new SortedDictionary<string, object?>(StringComparer.Ordinal)
        {
            ["builder"] = parameters.Builder,
            ["command"] = parameters.Command,
            ["nocheck"] = parameters.Nocheck,
            ["patterns"] = parameters.Patterns,
            ["strip_components"] = parameters.Tarball is null ? null : parameters.StripComponents,
            ["environment"] = parameters.Environment is null ? null : new SortedDictionary<string, string>(parameters.Environment.ToDictionary(), StringComparer.Ordinal),
        };
        return Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(options)));
    }

    private static string Short(string sha) => sha[..Math.Min(12, sha.Length)];

    private static string StoredPath(ModuleContext context, BuildStamp.Built built) =>
        Path.Combine(context.Artifacts.Root, "sha256", built.Sha256, built.File);

    private static DebArtifact Artifact(ModuleContext context, BuildStamp.Built built) =>
        new(StoredPath(context, built), built.File, built.Package, built.Version, built.Architecture, built.Sha256);

    private static Dictionary<string, object?> Output(string source, IEnumerable<DebArtifact> artifacts)
    {
        var list = artifacts.ToList();
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["artifacts"] = list.Select(a => (object?)a.ToOutput()).ToList(),
            ["paths"] = list.Select(a => (object?)a.Path).ToList(),
            ["source_sha256"] = source,
        };
    }
}
