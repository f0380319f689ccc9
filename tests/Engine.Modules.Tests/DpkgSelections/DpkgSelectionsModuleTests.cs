using Converge.Modules.DpkgSelections;
using Converge.Modules.Tests.Common;

namespace Converge.Modules.Tests.DpkgSelections;

/// <summary>
/// <c>dpkg_selections</c> check → apply → check with the real dpkg on a copy of this machine's dpkg database
/// (<c>--admindir</c>), so the machine's own selections are never changed.
/// </summary>
public sealed class DpkgSelectionsModuleTests : IDisposable
{
    private readonly ModuleTestHost _host = new();
    private readonly DpkgSelectionsModule _module;
    private readonly string _admin;

    public DpkgSelectionsModuleTests()
    {
        var admin = _admin = Directory.CreateDirectory(_host.PathOf("dpkg")).FullName;
        File.Copy("/var/lib/dpkg/status", Path.Combine(admin, "status"));
        Directory.CreateDirectory(Path.Combine(admin, "updates"));
        Directory.CreateDirectory(Path.Combine(admin, "info"));
        File.WriteAllText(Path.Combine(admin, "available"), string.Empty);
        _module = new DpkgSelectionsModule(["--admindir=" + admin]);
    }

    public void Dispose() => _host.Dispose();

    /// <summary>
    /// The record of the <c>dpkg</c> package, the only one these tests select, in the database at
    /// <paramref name="admin"/>: other tests install and purge packages of their own in the machine's database
    /// meanwhile, so its whole file may change.
    /// </summary>
    private static async Task<string> DpkgStanzaAsync(string admin)
    {
        var status = await File.ReadAllTextAsync(Path.Combine(admin, "status"));
        return status.Split("\n\n").Single(stanza => stanza.StartsWith("Package: dpkg\n", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Hold_is_set_once_then_in_sync_and_install_releases_it()
    {
        var machine = await DpkgStanzaAsync("/var/lib/dpkg");
        var parameters = new DpkgSelectionsParams { Name = "dpkg", Selection = "hold" };

        var check = await _host.CheckAsync(_module, parameters);
        var (_, result) = await _host.ConvergeAsync(_module, parameters);
        var held = await DpkgStanzaAsync(_admin);
        var machineMeanwhile = await DpkgStanzaAsync("/var/lib/dpkg");
        var again = await _host.CheckAsync(_module, parameters);
        await _host.ConvergeAsync(_module, parameters with { Selection = "install" });
        var released = await _host.CheckAsync(_module, parameters with { Selection = "install" });

        Assert.Equal("package dpkg: selection: install → hold", Assert.Single(check.Changes).ToString());
        Assert.Equal("install", result!.Output["before"]);
        Assert.False(again.IsDrift, again.Reason);
        Assert.False(released.IsDrift, released.Reason);
        Assert.Contains("\nStatus: install ok installed\n", machine, StringComparison.Ordinal);
        Assert.Contains("\nStatus: hold ok installed\n", held, StringComparison.Ordinal);
        Assert.Equal(machine, machineMeanwhile);
        Assert.Equal(machine, await DpkgStanzaAsync("/var/lib/dpkg"));
    }

    [Fact]
    public async Task An_unknown_package_is_not_present()
    {
        var plan = await _host.CheckAsync(_module, new DpkgSelectionsParams { Name = "converge-no-such-package", Selection = "hold" });

        Assert.Equal("package converge-no-such-package: selection: not present → hold", Assert.Single(plan.Changes).ToString());
    }

    [Theory]
    [InlineData("{ name: nginx, selection: freeze }", "dpkg_selections: selection must be install, hold, deinstall or purge, not 'freeze'")]
    [InlineData("{ name: Nginx, selection: hold }", "dpkg_selections: 'Nginx' is not a package name")]
    public void Bad_params_are_named(string yaml, string message)
    {
        Assert.Contains(ValidationProbe.Problems(_module, yaml), p => p.StartsWith(message, StringComparison.Ordinal));
    }
}
