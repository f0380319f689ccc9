using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Modules.Service;
using Converge.Modules.Systemd;
using Converge.Modules.Tests.Common;

namespace Converge.Modules.Tests.Systemd;

/// <summary>
/// <c>systemd</c>: the planner from <c>systemctl show</c> output recorded with systemd 252 on Debian 12, and the
/// real check on this machine, which (like the lab hosts) does not run systemd and must say what it runs.
/// </summary>
public sealed class SystemdModuleTests : IDisposable
{
    private readonly ModuleTestHost _host = new();

    public void Dispose() => _host.Dispose();

    private static SystemdUnit Parse(string stdout, string? name = "nginx") =>
        new SystemdUnitFact(name, "system", "/run/systemd/system").Parse(new CommandResult(0, null, stdout, string.Empty));

    [Fact]
    public async Task On_a_host_without_systemd_the_check_fails_naming_what_PID_1_is()
    {
        var pid1 = (await File.ReadAllTextAsync("/proc/1/comm")).Trim();
        Assert.False(Directory.Exists("/run/systemd/system"), "this test needs a host without systemd, as CI and the lab hosts are");

        var error = await Assert.ThrowsAsync<TaskFailedException>(() => _host.CheckAsync(new SystemdModule("systemd"), new SystemdParams { Name = "ssh", State = "started" }));

        Assert.Equal($"systemd: this host does not run systemd (PID 1 is '{pid1}' and /run/systemd/system does not exist); use the service module, which drives SysV init scripts there", error.Message);
    }

    [Fact]
    public async Task A_daemon_reload_alone_also_needs_systemd()
    {
        var module = new SystemdModule("systemd_service", InitLayout.Default with { SystemdMarker = _host.PathOf("no-systemd") });

        var error = await Assert.ThrowsAsync<TaskFailedException>(() => _host.CheckAsync(module, new SystemdParams { DaemonReload = true }));

        Assert.Contains("does not run systemd", error.Message);
    }

    [Fact]
    public void A_running_enabled_unit_is_in_sync_and_reports_Ansible_return_values()
    {
        var unit = Parse("pid1=systemd\nbooted=yes\nLoadState=loaded\nActiveState=active\nSubState=running\nUnitFileState=enabled\n");

        var plan = SystemdPlanner.PlanFor(new SystemdParams { Name = "nginx", State = "started", Enabled = true }, unit);

        Assert.False(plan.IsDrift);
        Assert.Equal("nginx.service is running and enabled", plan.Reason);
        Assert.Equal("started", plan.Output["state"]);
        Assert.Equal(true, plan.Output["enabled"]);
        Assert.Equal("running", ((IReadOnlyDictionary<string, object?>)plan.Output["status"]!)["SubState"]);
    }

    [Fact]
    public void Masking_a_running_unit_stops_it_in_Ansible_order()
    {
        var unit = Parse("pid1=systemd\nbooted=yes\nLoadState=loaded\nActiveState=active\nSubState=running\nUnitFileState=enabled\n");
        var parameters = new SystemdParams { Name = "nginx", State = "stopped", Enabled = false, Masked = true, DaemonReload = true, NoBlock = true };

        var plan = SystemdPlanner.PlanFor(parameters, unit);
        var commands = SystemdPlanner.UnitCommands(parameters, unit).Select(c => c.CommandLine);

        Assert.Equal(
            ["systemd: daemon-reload: (none) → run", "nginx.service: masked: no → yes", "nginx.service: enabled: yes → no", "nginx.service: state: running → stopped"],
            plan.Changes.Select(c => c.ToString()));
        Assert.Equal(
            ["systemctl --system mask -- nginx.service", "systemctl --system disable -- nginx.service", "systemctl --system --no-block stop -- nginx.service"],
            commands);
    }

    [Fact]
    public void A_masked_unit_is_seen_as_masked_and_unmasking_is_the_change()
    {
        var unit = Parse("pid1=systemd\nbooted=yes\nLoadState=masked\nActiveState=inactive\nSubState=dead\nUnitFileState=masked\n");

        var plan = SystemdPlanner.PlanFor(new SystemdParams { Name = "nginx", Masked = false }, unit);

        Assert.True(unit.Masked);
        Assert.Equal("nginx.service: masked: yes → no", Assert.Single(plan.Changes).ToString());
    }

    [Fact]
    public void A_missing_unit_that_should_run_is_assumed_and_a_user_scope_uses_the_user_manager()
    {
        var unit = Parse("pid1=systemd\nbooted=yes\nLoadState=not-found\nActiveState=inactive\nSubState=dead\nUnitFileState=\n", "backup.timer");
        var parameters = new SystemdParams { Name = "backup.timer", State = "started", Scope = "user" };

        var plan = SystemdPlanner.PlanFor(parameters, unit);

        Assert.True(plan.Assumed);
        Assert.Equal("systemctl --user start -- backup.timer", SystemdPlanner.Systemctl(parameters, "start", force: false).CommandLine);
    }

    [Theory]
    [InlineData("{}", "give name (to read or change a unit), daemon_reload or daemon_reexec")]
    [InlineData("{ state: started }", "name is required with state, enabled or masked")]
    [InlineData("{ name: x, state: running }", "state must be one of started, stopped, restarted, reloaded, not 'running'")]
    [InlineData("{ name: x, scope: global, state: started }", "scope global only enables, disables or masks units (there is no global manager to start them)")]
    public void Bad_params_are_named(string yaml, string message)
    {
        var problems = ValidationProbe.Problems(new SystemdModule("systemd"), yaml);

        Assert.Contains(problems, p => p.EndsWith(message, StringComparison.Ordinal));
    }

    [Fact]
    public void A_name_alone_reads_the_unit_into_register_and_changes_nothing()
    {
        var unit = Parse("pid1=systemd\nbooted=yes\nLoadState=loaded\nActiveState=active\nSubState=running\nUnitFileState=enabled\n", "docker");
        var parameters = new SystemdParams { Name = "docker" };

        var plan = SystemdPlanner.PlanFor(parameters, unit);

        Assert.Empty(ValidationProbe.Problems(new SystemdModule("systemd_service"), "{ name: docker }"));
        Assert.False(plan.IsDrift);
        Assert.Empty(SystemdPlanner.UnitCommands(parameters, unit));
        Assert.Equal("active", ((IReadOnlyDictionary<string, object?>)plan.Output["status"]!)["ActiveState"]);
        Assert.Equal("started", plan.Output["state"]);
    }

    [Fact]
    public async Task A_name_alone_on_a_host_without_systemd_fails_naming_what_it_runs()
    {
        var module = new SystemdModule("systemd_service", InitLayout.Default with { SystemdMarker = _host.PathOf("no-systemd") });

        var error = await Assert.ThrowsAsync<TaskFailedException>(() => _host.CheckAsync(module, new SystemdParams { Name = "docker" }));

        Assert.Contains("this host does not run systemd (PID 1 is", error.Message);
    }

    [Fact]
    public void Ansible_aliases_bind()
    {
        Assert.Empty(ValidationProbe.Problems(new SystemdModule("systemd"), "{ unit: nginx, daemon-reload: true, state: restarted }"));
        Assert.Empty(ValidationProbe.Problems(new SystemdModule("systemd"), "{ service: nginx, masked: false }"));
    }
}
