using Converge.Modules.InstallPkg;
using Converge.Modules.Tests.Common;
using Converge.TestKit;

namespace Converge.Modules.Tests.InstallPkg;

/// <summary><c>install-pkg</c> against the machine's real dpkg, with packages the tests build (CI runs as root).</summary>
public sealed class InstallPkgModuleTests : IDisposable
{
    private readonly ModuleTestHost _host = new();
    private readonly InstallPkgModule _module = new();
    private readonly TestDeb _deb;

    public InstallPkgModuleTests()
    {
        _deb = new TestDeb(_host.Root);
    }

    private string Records => _host.PathOf("records");

    public void Dispose()
    {
        _deb.Dispose();
        _host.Dispose();
    }

    [RootFact]
    public async Task A_deb_that_is_not_installed_is_drift_then_installed_then_in_sync()
    {
        var path = _deb.Build("1.0-1", "first");
        var parameters = new InstallPkgParams { Deb = new List<object?> { path }, RecordDirectory = Records };

        var predicted = await _host.CheckAsync(_module, parameters);
        Assert.Null(_deb.InstalledVersion());
        await _host.ConvergeAsync(_module, parameters);
        var again = await _host.CheckAsync(_module, parameters);

        Assert.Equal("not installed", Assert.Single(predicted.Changes).Before);
        Assert.Equal($"deb {_deb.Name}", predicted.Changes[0].Path);
        Assert.Equal("1.0-1", _deb.InstalledVersion());
        Assert.Equal("first", _deb.InstalledContent());
        Assert.False(again.IsDrift);
        Assert.StartsWith($"{_deb.Name} 1.0-1 all (sha256 ", again.Reason);
        Assert.EndsWith("is installed from the same .deb", again.Reason);
        Assert.Equal(await Core.Artifacts.ArtifactStore.Sha256Async(path, CancellationToken.None) + "\n", File.ReadAllText(Path.Combine(Records, _deb.Name + ".sha256")));
    }

    [RootFact]
    public async Task The_same_version_rebuilt_with_other_content_is_reinstalled_and_an_unchanged_one_is_not()
    {
        var first = _deb.Build("1.0-1", "first");
        await _host.ConvergeAsync(_module, new InstallPkgParams { Deb = first, RecordDirectory = Records });
        var rebuilt = _deb.Build("1.0-1", "second");
        var parameters = new InstallPkgParams { Deb = rebuilt, RecordDirectory = Records };

        var drift = await _host.CheckAsync(_module, parameters);
        await _host.ConvergeAsync(_module, parameters);
        var again = await _host.CheckAsync(_module, parameters);

        var change = Assert.Single(drift.Changes);
        Assert.StartsWith("1.0-1 all (sha256 ", change.Before);
        Assert.NotEqual(change.Before, change.After);
        Assert.Equal("second", _deb.InstalledContent());
        Assert.False(again.IsDrift);
    }

    [RootFact]
    public async Task In_sync_costs_one_probe_and_runs_no_command()
    {
        var path = _deb.Build("2.0-1", "x");
        var parameters = new InstallPkgParams { Deb = path, RecordDirectory = Records };
        await _host.ConvergeAsync(_module, parameters);
        var counting = new CountingConnection(new Core.Connections.LocalConnection("localhost"));

        var plan = await _module.CheckAsync(_host.Context(counting), parameters, CancellationToken.None);

        Assert.False(plan.IsDrift);
        Assert.Equal(1, counting.Runs);
    }

    [RootFact]
    public async Task Check_mode_changes_nothing()
    {
        var path = _deb.Build("1.0-1", "first");
        var parameters = new InstallPkgParams { Deb = path, RecordDirectory = Records };
        var before = _host.Snapshot();

        var plan = await _host.CheckAsync(_module, parameters);

        Assert.True(plan.IsDrift);
        Assert.Null(_deb.InstalledVersion());
        Assert.Equal(before, _host.Snapshot());
    }

    [RootFact]
    public async Task An_artifact_from_build_deb_is_installed_by_its_registered_metadata()
    {
        var path = _deb.Build("3.0-1", "artifact");
        var sha = await Core.Artifacts.ArtifactStore.Sha256Async(path, CancellationToken.None);
        var registered = new Dictionary<string, object?>
        {
            ["artifacts"] = new List<object?>
            {
                new Dictionary<string, object?> { ["path"] = path, ["file"] = Path.GetFileName(path), ["package"] = _deb.Name, ["version"] = "3.0-1", ["architecture"] = "all", ["sha256"] = sha },
            },
        };
        var parameters = new InstallPkgParams { Deb = registered, RecordDirectory = Records };

        await _host.ConvergeAsync(_module, parameters);
        var again = await _host.CheckAsync(_module, parameters);

        Assert.Equal("3.0-1", _deb.InstalledVersion());
        Assert.False(again.IsDrift);
    }

    [Fact]
    public async Task Absent_of_a_package_that_is_not_installed_is_in_sync()
    {
        var plan = await _host.CheckAsync(_module, new InstallPkgParams { Name = [_deb.Name], State = "absent", RecordDirectory = Records });

        Assert.False(plan.IsDrift);
        Assert.Equal($"{_deb.Name} is not installed", plan.Reason);
    }

    [RootFact]
    public async Task Absent_removes_a_package_installed_from_a_deb()
    {
        await _host.ConvergeAsync(_module, new InstallPkgParams { Deb = _deb.Build("1.0-1", "x"), RecordDirectory = Records });
        var parameters = new InstallPkgParams { Name = [_deb.Name], State = "absent", Purge = true, RecordDirectory = Records };

        var drift = await _host.CheckAsync(_module, parameters);
        await _host.ConvergeAsync(_module, parameters);
        var again = await _host.CheckAsync(_module, parameters);

        Assert.Equal("purged", Assert.Single(drift.Changes).After);
        Assert.Null(_deb.InstalledVersion());
        Assert.False(again.IsDrift);
    }

    [RootFact]
    public async Task Debs_that_depend_on_each_other_are_installed_in_one_go()
    {
        using var library = new TestDeb(_host.Root);
        var parameters = new InstallPkgParams
        {
            Deb = new List<object?> { _deb.Build("1.0-1", "app", depends: library.Name), library.Build("1.0-1", "lib") },
            RecordDirectory = Records,
        };

        var drift = await _host.CheckAsync(_module, parameters);
        await _host.ConvergeAsync(_module, parameters);
        var again = await _host.CheckAsync(_module, parameters);

        Assert.Equal(2, drift.Changes.Count);
        Assert.Equal("1.0-1", _deb.InstalledVersion());
        Assert.Equal("1.0-1", library.InstalledVersion());
        Assert.False(again.IsDrift);
    }

    [RootFact]
    public async Task A_dependency_apt_cannot_resolve_fails_clearly_and_leaves_nothing_half_installed()
    {
        var parameters = new InstallPkgParams { Deb = _deb.Build("1.0-1", "x", depends: "converge-nonexistent-dependency"), RecordDirectory = Records };

        var error = await Assert.ThrowsAsync<Core.Diagnostics.TaskFailedException>(() => _host.ConvergeAsync(_module, parameters));

        Assert.Equal($"after dpkg -i, not installed: {_deb.Name} 1.0-1", error.Message);
        Assert.Contains("converge-nonexistent-dependency", error.StderrTail);
        Assert.Null(_deb.InstalledVersion());
        Assert.False(File.Exists(Path.Combine(Records, _deb.Name + ".sha256")));
    }

    [Fact]
    public async Task An_installed_package_by_name_is_in_sync_from_one_probe()
    {
        var plan = await _host.CheckAsync(_module, new InstallPkgParams { Name = ["dpkg"] });

        Assert.False(plan.IsDrift);
        Assert.Matches("^dpkg [0-9.]+ is installed$", plan.Reason);
    }
}
