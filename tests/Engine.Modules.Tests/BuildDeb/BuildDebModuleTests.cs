using Converge.Core.Artifacts;
using Converge.Core.Diagnostics;
using Converge.Core.Modules;
using Converge.Modules.BuildDeb;
using Converge.Modules.Tests.Common;

namespace Converge.Modules.Tests.BuildDeb;

/// <summary><c>build-deb</c> building a real package on this machine with fakeroot and dpkg-deb (installed by tests/run.sh).</summary>
public sealed class BuildDebModuleTests : IDisposable
{
    private readonly ModuleTestHost _host = new();
    private readonly BuildDebModule _module = new();
    private readonly TestSourcePackage _source;

    public BuildDebModuleTests()
    {
        _source = new TestSourcePackage(_host.PathOf("src"), Counter);
    }

    private string Counter => _host.PathOf("build-count");

    private string Work => _host.PathOf("work");

    private int Builds => File.Exists(Counter) ? File.ReadAllLines(Counter).Length : 0;

    public void Dispose() => _host.Dispose();

    private BuildDebParams Params() => new()
    {
        Src = _source.Directory,
        WorkDir = Work,
        Parallel = 2,
        Patterns = [$"{TestSourcePackage.Package}_*.deb"],
    };

    [Fact]
    public async Task Check_then_apply_then_check_builds_once_and_registers_the_same_artifacts()
    {
        var predicted = await _host.CheckAsync(_module, Params());
        Assert.False(Directory.Exists(Work));
        var (_, applied) = await _host.ConvergeAsync(_module, Params());
        var again = await _host.CheckAsync(_module, Params());

        Assert.Equal(new Change($"build {Path.GetFileName(_source.Directory)}", "never built", predicted.Changes[0].After), Assert.Single(predicted.Changes));
        Assert.Equal(1, Builds);
        Assert.Equal("parallel=2 nocheck", File.ReadAllText(Path.Combine(Work, "build-options.txt")).Trim());
        var artifact = (Dictionary<string, object?>)Assert.Single((List<object?>)applied!.Output["artifacts"]!)!;
        Assert.Equal(TestSourcePackage.MainDeb, artifact["file"]);
        Assert.Equal(TestSourcePackage.Package, artifact["package"]);
        Assert.Equal("1.0-1", artifact["version"]);
        Assert.Equal("all", artifact["architecture"]);
        var stored = (string)artifact["path"]!;
        Assert.StartsWith(Path.Combine(_host.Root, "artifacts", "sha256"), stored);
        Assert.Equal(artifact["sha256"], await ArtifactStore.Sha256Async(stored, CancellationToken.None));
        Assert.False(again.IsDrift);
        Assert.StartsWith("built from the same source (sha256 ", again.Reason);
        Assert.Equal(applied.Output["artifacts"], again.Output["artifacts"], new OutputComparer());
        Assert.Equal(new List<object?> { stored }, again.Output["paths"]);
    }

    [Fact]
    public async Task A_changed_source_rebuilds_and_an_unchanged_one_does_not()
    {
        var (_, first) = await _host.ConvergeAsync(_module, Params());
        await _host.ConvergeAsync(_module, Params());
        _source.SetContent("second");

        var drift = await _host.CheckAsync(_module, Params());
        var (_, second) = await _host.ConvergeAsync(_module, Params());

        Assert.Equal($"build {Path.GetFileName(_source.Directory)}: source", Assert.Single(drift.Changes).Path);
        Assert.Equal(2, Builds);
        Assert.NotEqual(Sha(first!), Sha(second!));
    }

    [Fact]
    public async Task Changed_options_rebuild()
    {
        await _host.ConvergeAsync(_module, Params());

        var drift = await _host.CheckAsync(_module, Params() with { Nocheck = false });

        Assert.EndsWith(": options", Assert.Single(drift.Changes).Path);
    }

    [Fact]
    public async Task Artifacts_missing_from_the_store_are_fetched_again_without_rebuilding()
    {
        var (_, first) = await _host.ConvergeAsync(_module, Params());
        Directory.Delete(Path.Combine(_host.Root, "artifacts"), recursive: true);

        var drift = await _host.CheckAsync(_module, Params());
        var (_, fetched) = await _host.ConvergeAsync(_module, Params());

        Assert.EndsWith(": artifacts", Assert.Single(drift.Changes).Path);
        Assert.Equal(1, Builds);
        Assert.Equal(Sha(first!), Sha(fetched!));
        Assert.True(File.Exists((string)((List<object?>)fetched!.Output["paths"]!)[0]!));
    }

    [Fact]
    public async Task A_tarball_on_the_controller_is_uploaded_extracted_and_built()
    {
        var tarball = Path.Combine(_host.PlaybookDirectory, "files", "hello-1.0.tar.gz");
        Directory.CreateDirectory(Path.GetDirectoryName(tarball)!);
        await RunAsync("tar", "-czf", tarball, "-C", Path.GetDirectoryName(_source.Directory)!, Path.GetFileName(_source.Directory));
        var parameters = new BuildDebParams { Tarball = "hello-1.0.tar.gz", WorkDir = Work, Patterns = [$"{TestSourcePackage.Package}*.deb"] };

        var (_, applied) = await _host.ConvergeAsync(_module, parameters);
        var again = await _host.CheckAsync(_module, parameters);

        Assert.Equal(2, ((List<object?>)applied!.Output["artifacts"]!).Count);
        Assert.False(again.IsDrift);
        Assert.Equal(await ArtifactStore.Sha256Async(tarball, CancellationToken.None), again.Output["source_sha256"]);
    }

    [Fact]
    public async Task A_failing_build_fails_the_task_with_the_build_output()
    {
        var parameters = Params() with { Command = ["sh", "-c", "echo 'dh: missing build dependency' >&2; exit 2"] };

        var error = await Assert.ThrowsAsync<TaskFailedException>(() => _host.ConvergeAsync(_module, parameters));

        Assert.Equal(2, error.ExitCode);
        Assert.Contains("missing build dependency", error.StderrTail);
    }

    [Fact]
    public async Task A_tree_without_debian_is_refused_by_the_check()
    {
        var error = await Assert.ThrowsAsync<TaskFailedException>(() => _host.CheckAsync(_module, Params() with { Src = _host.Target }));

        Assert.Contains("is not a Debian source tree", error.Message);
    }

    private static string Sha(ApplyResult result) =>
        (string)((Dictionary<string, object?>)((List<object?>)result.Output["artifacts"]!)[0]!)["sha256"]!;

    private static async Task RunAsync(string program, params string[] arguments)
    {
        var result = await new Core.Connections.LocalConnection("controller").RunAsync(new Core.Connections.CommandSpec(program, arguments), CancellationToken.None);
        Assert.True(result.Succeeded, result.Stderr);
    }

    private sealed class OutputComparer : IEqualityComparer<object?>
    {
        public new bool Equals(object? x, object? y) => System.Text.Json.JsonSerializer.Serialize(x) == System.Text.Json.JsonSerializer.Serialize(y);

        public int GetHashCode(object? obj) => 0;
    }
}
