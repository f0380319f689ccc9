using Converge.Core.Diagnostics;
using Converge.Modules.Service;
using Converge.Modules.Tests.Common;

namespace Converge.Modules.Tests.Service;

/// <summary>
/// The service module against real SysV init scripts: a temporary init tree (no systemd marker) for
/// start/stop, and a script installed under /etc/init.d for enable/disable through the real update-rc.d.
/// </summary>
public sealed class SysVServiceTests : IDisposable
{
    private const string Script =
        """
        #!/bin/sh
        ### BEGIN INIT INFO
        # Provides:          NAME
        # Required-Start:
        # Required-Stop:
        # Default-Start:     2 3 4 5
        # Default-Stop:      0 1 6
        # Short-Description: converge test service
        ### END INIT INFO
        state=STATE
        case "$1" in
          start) touch "$state"; echo start >> "$state.log" ;;
          stop) rm -f "$state"; echo stop >> "$state.log" ;;
          restart|reload) touch "$state"; echo "$1" >> "$state.log" ;;
          status) [ -e "$state" ] && exit 0 || exit 3 ;;
          *) exit 2 ;;
        esac
        """;

    private readonly ModuleTestHost _host = new();
    private readonly InitLayout _layout;
    private readonly ServiceModule _module;

    public SysVServiceTests()
    {
        var init = Directory.CreateDirectory(_host.PathOf("init.d")).FullName;
        _layout = new InitLayout(_host.PathOf("no-systemd"), init, _host.Target);
        _module = new ServiceModule(_layout);
        InstallScript(Path.Combine(init, "demo"), "demo", _host.PathOf("demo.state"));
    }

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Started_runs_the_init_script_once_then_is_in_sync()
    {
        var parameters = new ServiceParams { Name = "demo", State = "started" };

        var predicted = await _host.CheckAsync(_module, parameters);
        Assert.False(File.Exists(_host.PathOf("demo.state")));
        await _host.ConvergeAsync(_module, parameters);
        var again = await _host.CheckAsync(_module, parameters);

        Assert.Equal("service demo: state: stopped → started", Assert.Single(predicted.Changes).ToString());
        Assert.True(File.Exists(_host.PathOf("demo.state")));
        Assert.False(again.IsDrift);
        Assert.Equal("demo is running and disabled", again.Reason);
        Assert.Equal("start\n", await File.ReadAllTextAsync(_host.PathOf("demo.state.log")));
    }

    [Fact]
    public async Task Stopped_stops_a_running_service_and_start_links_count_as_enabled()
    {
        await File.WriteAllTextAsync(_host.PathOf("demo.state"), string.Empty);
        Directory.CreateDirectory(_host.PathOf("rc2.d"));
        File.CreateSymbolicLink(_host.PathOf("rc2.d/S01demo"), "../init.d/demo");

        var enabled = await _host.CheckAsync(_module, new ServiceParams { Name = "demo", Enabled = true });
        await _host.ConvergeAsync(_module, new ServiceParams { Name = "demo", State = "stopped" });

        Assert.False(enabled.IsDrift, enabled.Reason);
        Assert.False(File.Exists(_host.PathOf("demo.state")));
    }

    [Fact]
    public async Task A_missing_script_is_assumed_in_check_and_fails_in_apply()
    {
        var parameters = new ServiceParams { Name = "absent", State = "started" };

        var plan = await _host.CheckAsync(_module, parameters);
        var error = await Assert.ThrowsAsync<TaskFailedException>(() => _host.ConvergeAsync(_module, parameters));

        Assert.True(plan.Assumed);
        Assert.Contains("not found", error.Message);
    }

    [Fact]
    public async Task Restarted_with_sleep_stops_sleeps_and_starts_as_Ansible_does_on_SysV()
    {
        await File.WriteAllTextAsync(_host.PathOf("demo.state"), string.Empty);
        var parameters = new ServiceParams { Name = "demo", State = "restarted", Sleep = 1 };

        var started = DateTimeOffset.UtcNow;
        var (plan, _) = await _host.ConvergeAsync(_module, parameters);
        var took = DateTimeOffset.UtcNow - started;

        Assert.Equal("service demo: state: running → restarted", Assert.Single(plan.Changes).ToString());
        Assert.Equal("stop\nstart\n", await File.ReadAllTextAsync(_host.PathOf("demo.state.log")));
        Assert.True(took >= TimeSpan.FromSeconds(1), $"the restart took {took}, less than the one-second sleep");
        Assert.True(File.Exists(_host.PathOf("demo.state")));
    }

    [Fact]
    public async Task Daemon_reload_on_a_SysV_host_fails_naming_the_init_system()
    {
        var error = await Assert.ThrowsAsync<TaskFailedException>(() => _host.CheckAsync(_module, new ServiceParams { DaemonReload = true }));

        Assert.Equal("service: daemon_reload is systemd's, but this host runs sysv init (there is no daemon to reload)", error.Message);
    }

    [RootFact]
    [Trait("Requires", "root")]
    public async Task Enabled_uses_update_rc_d_on_a_script_in_etc_init_d()
    {
        var name = $"converge-test-{Guid.NewGuid():N}"[..24];
        var script = Path.Combine("/etc/init.d", name);
        var module = new ServiceModule(InitLayout.Default with { SystemdMarker = _host.PathOf("no-systemd") });
        InstallScript(script, name, _host.PathOf("real.state"));
        try
        {
            var parameters = new ServiceParams { Name = name, Enabled = true };
            var (plan, _) = await _host.ConvergeAsync(module, parameters);
            var again = await _host.CheckAsync(module, parameters);
            var (disable, _) = await _host.ConvergeAsync(module, parameters with { Enabled = false });
            var disabled = await _host.CheckAsync(module, parameters with { Enabled = false });

            Assert.Equal($"service {name}: enabled: no → yes", Assert.Single(plan.Changes).ToString());
            Assert.False(again.IsDrift, again.Reason);
            Assert.True(disable.IsDrift);
            Assert.False(disabled.IsDrift, disabled.Reason);
        }
        finally
        {
            await new Core.Connections.LocalConnection("localhost").RunAsync(Core.Connections.CommandSpec.Change("update-rc.d", "-f", name, "remove"), CancellationToken.None);
            File.Delete(script);
        }
    }

    private static void InstallScript(string path, string name, string state)
    {
        File.WriteAllText(path, Script.Replace("NAME", name, StringComparison.Ordinal).Replace("STATE", state, StringComparison.Ordinal) + "\n");
        File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
    }
}
