using Converge.Modules.Gem;
using Converge.Modules.Tests.Common;

namespace Converge.Modules.Tests.Gem;

/// <summary>
/// <c>gem</c> with Debian's ruby and gems the test builds (<c>gem build</c>): installed from a local <c>.gem</c> file, and
/// from a local directory source (<c>file://</c>, indexed by <c>gem generate_index</c>) pinned, upgraded by
/// <c>latest</c> and removed, each check → apply → check, into an <c>install_dir</c> under the test's folder (no
/// network, the machine's gems are never written).
/// </summary>
public sealed class GemModuleTests : IDisposable
{
    private readonly ModuleTestHost _host = new();
    private readonly GemModule _module = new();

    public void Dispose() => _host.Dispose();

    private GemParams Into(string state = "present") => new() { Name = "converge_demo", State = state, UserInstall = false, InstallDir = _host.PathOf("gems") };

    [Fact]
    public async Task A_gem_from_a_local_file_is_installed_with_its_executable_then_in_sync()
    {
        var file = await GemBuild.BuildAsync(_host.PathOf("build"), "1.0.0");
        var parameters = Into() with { GemSource = file, Bindir = _host.PathOf("bin") };

        var check = await _host.CheckAsync(_module, parameters);
        Assert.False(Directory.Exists(_host.PathOf("gems")));
        var (_, applied) = await _host.ConvergeAsync(_module, parameters);
        var again = await _host.CheckAsync(_module, parameters);

        Assert.Equal("gem converge_demo: not installed → present", Assert.Single(check.Changes).ToString());
        Assert.True(File.Exists(_host.PathOf("gems/gems/converge_demo-1.0.0/lib/converge_demo.rb")));
        Assert.True(File.Exists(_host.PathOf("bin/converge-demo")));
        Assert.Equal("converge_demo", applied!.Output["name"]);
        Assert.False(again.IsDrift, again.Reason);
        Assert.Equal("converge_demo 1.0.0 is installed", again.Reason);
    }

    [Fact]
    public async Task From_a_local_source_a_pinned_version_is_upgraded_by_latest_and_removed_version_by_version_each_then_in_sync()
    {
        var repository = _host.PathOf("repo");
        await GemBuild.IndexAsync(repository, await GemBuild.BuildAsync(_host.PathOf("build"), "1.0.0"), await GemBuild.BuildAsync(_host.PathOf("build"), "2.0.0"));
        var source = "file://" + repository;
        var pinned = Into() with { Version = "1.0.0", Repository = source };
        var latest = Into("latest") with { Repository = source };

        var (install, _) = await _host.ConvergeAsync(_module, pinned);
        var installed = await _host.CheckAsync(_module, pinned);
        var upgrade = await _host.CheckAsync(_module, latest);
        var (_, upgraded) = await _host.ConvergeAsync(_module, latest);
        var newest = await _host.CheckAsync(_module, latest);
        var (removeOld, _) = await _host.ConvergeAsync(_module, Into("absent") with { Version = "1.0.0" });
        var (removeAll, _) = await _host.ConvergeAsync(_module, Into("absent"));
        var removed = await _host.CheckAsync(_module, Into("absent"));

        Assert.Equal("gem converge_demo: not installed → 1.0.0", Assert.Single(install.Changes).ToString());
        Assert.Equal("converge_demo 1.0.0 is installed", installed.Reason);
        Assert.Equal("gem converge_demo: 1.0.0 → 2.0.0", Assert.Single(upgrade.Changes).ToString());
        Assert.Equal("2.0.0", upgraded!.Output["version"]);
        Assert.Equal("converge_demo 2.0.0, 1.0.0 is installed", newest.Reason);
        Assert.Equal("gem converge_demo: 2.0.0, 1.0.0 → absent", Assert.Single(removeOld.Changes).ToString());
        Assert.Equal("gem converge_demo: 2.0.0 → absent", Assert.Single(removeAll.Changes).ToString());
        Assert.False(removed.IsDrift, removed.Reason);
        Assert.Equal("converge_demo is not installed", removed.Reason);
        Assert.False(Directory.Exists(_host.PathOf("gems/gems/converge_demo-2.0.0")));
    }

    /// <summary>gem lists nothing (and exits 0) for a source it cannot read; Ansible then keeps what is installed.</summary>
    [Fact]
    public async Task Latest_from_a_source_that_offers_nothing_keeps_the_installed_gem_as_Ansible_does()
    {
        var file = await GemBuild.BuildAsync(_host.PathOf("build"), "1.0.0");
        var latest = Into("latest") with { Repository = "file://" + _host.PathOf("no-such-source") };

        var missing = await _host.CheckAsync(_module, latest);
        await _host.ConvergeAsync(_module, Into() with { GemSource = file });
        var kept = await _host.CheckAsync(_module, latest);

        Assert.Equal("gem converge_demo: not installed → present", Assert.Single(missing.Changes).ToString());
        Assert.False(kept.IsDrift, kept.Reason);
        Assert.Equal("converge_demo 1.0.0 is installed", kept.Reason);
    }

    [Fact]
    public void The_commands_are_Ansible_s()
    {
        var modern = new GemWork(new GemListing(new Version(3, 3, 15), true, [], []), "1.2.0");
        var old = new GemWork(new GemListing(new Version(1, 8, 23), false, [], []), null);
        var parameters = new GemParams { Name = "rails", Version = "1.2.0", Repository = "https://gems.example.invalid", Bindir = "/usr/local/bin", EnvShebang = true, BuildFlags = "--with-pg-config=/usr/bin/pg_config", Force = true };

        Assert.Equal(
            ["gem", "install", "--norc", "--version", "1.2.0", "--source", "https://gems.example.invalid", "--user-install", "--bindir", "/usr/local/bin", "--no-document", "--env-shebang", "rails", "--", "--with-pg-config=/usr/bin/pg_config", "--force"],
            GemModule.InstallArguments(parameters, modern));
        Assert.Equal(
            ["/opt/ruby/bin/gem", "install", "--include-dependencies", "--no-user-install", "--install-dir", "/opt/gems", "--pre", "--no-rdoc", "--no-ri", "/srv/rails.gem"],
            GemModule.InstallArguments(new GemParams { Name = "rails", GemSource = "/srv/rails.gem", UserInstall = false, InstallDir = "/opt/gems", PreRelease = true, Executable = "/opt/ruby/bin/gem" }, old));
        Assert.Equal(
            ["gem", "uninstall", "--norc", "--install-dir", "/opt/gems", "--all", "--executable", "rails"],
            GemModule.UninstallArguments(new GemParams { Name = "rails", State = "absent", UserInstall = false, InstallDir = "/opt/gems" }, modern with { Version = null }));
    }

    [Theory]
    [InlineData("json (2.7.1, default: 2.6.1)", "2.7.1 2.6.1")]
    [InlineData("json (default: 2.6.1)", "2.6.1")]
    [InlineData("nokogiri (1.15.5 x86_64-linux)", "1.15.5")]
    [InlineData("*** LOCAL GEMS ***", "")]
    public void Query_lines_give_the_installed_versions(string line, string versions) =>
        Assert.Equal(versions, string.Join(' ', GemListingFact.Versions(line)));

    [Theory]
    [InlineData("{ name: bundler, state: present, user_install: false }", null)]
    [InlineData("{ name: rails, source: https://gems.example.invalid }", null)]
    [InlineData("{ state: present }", "missing required arguments: name")]
    [InlineData("{ name: a, gem_source: /a.gem, version: 1 }", "parameters are mutually exclusive: gem_source|version")]
    [InlineData("{ name: a, gem_source: /a.gem, repository: https://gems.example.invalid }", "parameters are mutually exclusive: gem_source|repository")]
    [InlineData("{ name: a, version: 1, state: latest }", "Cannot specify version when state=latest")]
    [InlineData("{ name: a, gem_source: /a.gem, state: latest }", "Cannot maintain state=latest when installing from local source")]
    [InlineData("{ name: a, install_dir: /opt/gems }", "install_dir requires user_install=false")]
    [InlineData("{ name: a, state: installed }", "state must be one of present, absent, latest, not 'installed'")]
    [InlineData("{ name: a, user_instal: false }", "user_install")]
    public void Params_are_the_collection_s(string yaml, string? message) =>
        ValidationProbe.AssertProblem(_module, yaml, message);
}
