using Converge.Core.Diagnostics;
using Converge.Modules.Modprobe;
using Converge.Modules.Tests.Common;

namespace Converge.Modules.Tests.Modprobe;

/// <summary>
/// modprobe on real files under a folder standing for the host's root (its own proc/modules, etc/modules-load.d and
/// etc/modprobe.d). The kernel is shared by every lab host and test on this machine, so no test loads or unloads a
/// real module: a module already listed as loaded is in sync, and loading one is only ever planned (check mode).
/// </summary>
public sealed class ModprobeModuleTests : IDisposable
{
    private readonly ModuleTestHost _host = new();

    public ModprobeModuleTests()
    {
        Directory.CreateDirectory(_host.PathOf("proc"));
        File.WriteAllText(_host.PathOf("proc/modules"), "br_netfilter 32768 0 - Live 0x0000000000000000\noverlay 151552 3 - Live 0x0000000000000000\n");
    }

    public void Dispose() => _host.Dispose();

    private ModprobeModule Module => new(_host.Target);

    [Fact]
    public async Task A_loaded_module_made_persistent_writes_both_files_once()
    {
        var parameters = new ModprobeParams { Name = "br_netfilter", Params = "nf_conntrack=1", Persistent = "present" };

        var check = await _host.CheckAsync(Module, parameters);
        Assert.False(Directory.Exists(_host.PathOf("etc")));
        await _host.ConvergeAsync(Module, parameters);
        var again = await _host.CheckAsync(Module, parameters);

        Assert.Equal("kernel module br_netfilter: loaded at boot", Assert.Single(check.Changes).Path);
        Assert.Equal("br_netfilter\n", await File.ReadAllTextAsync(_host.PathOf("etc/modules-load.d/br_netfilter.conf")));
        Assert.Equal("options br_netfilter nf_conntrack=1\n", await File.ReadAllTextAsync(_host.PathOf("etc/modprobe.d/br_netfilter.conf")));
        Assert.False(again.IsDrift, again.Reason);
    }

    [Fact]
    public async Task Persistent_absent_comments_out_every_line_naming_the_module()
    {
        Directory.CreateDirectory(_host.PathOf("etc/modules-load.d"));
        Directory.CreateDirectory(_host.PathOf("etc/modprobe.d"));
        await File.WriteAllTextAsync(_host.PathOf("etc/modules-load.d/k8s.conf"), "overlay\nbr_netfilter # for kube-proxy\n");
        await File.WriteAllTextAsync(_host.PathOf("etc/modprobe.d/net.conf"), "options br_netfilter x=1\noptions other y=2\n");
        var parameters = new ModprobeParams { Name = "br_netfilter", Persistent = "absent" };

        await _host.ConvergeAsync(Module, parameters);
        var again = await _host.CheckAsync(Module, parameters);

        Assert.Equal("overlay\n#br_netfilter # for kube-proxy\n", await File.ReadAllTextAsync(_host.PathOf("etc/modules-load.d/k8s.conf")));
        Assert.Equal("#options br_netfilter x=1\noptions other y=2\n", await File.ReadAllTextAsync(_host.PathOf("etc/modprobe.d/net.conf")));
        Assert.False(again.IsDrift, again.Reason);
    }

    [Fact]
    public async Task Loading_a_module_that_is_not_loaded_is_planned_in_check_mode_and_nothing_is_written()
    {
        var before = _host.Snapshot();

        var check = await _host.CheckAsync(Module, new ModprobeParams { Name = "dummy" });
        var unload = await _host.CheckAsync(Module, new ModprobeParams { Name = "overlay", State = "absent" });

        Assert.Equal(new Converge.Core.Modules.Change("kernel module dummy: loaded", "no", "yes"), Assert.Single(check.Changes));
        Assert.Equal("yes", Assert.Single(unload.Changes).Before);
        Assert.Equal(before, _host.Snapshot());
    }

    [Fact]
    public async Task A_host_without_proc_modules_fails_saying_why()
    {
        File.Delete(_host.PathOf("proc/modules"));

        var error = await Assert.ThrowsAsync<TaskFailedException>(() => _host.CheckAsync(Module, new ModprobeParams { Name = "overlay" }));

        Assert.Contains("no readable /proc/modules", error.Message);
    }
}
