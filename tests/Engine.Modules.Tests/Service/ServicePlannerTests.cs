using Converge.Modules.Service;

namespace Converge.Modules.Tests.Service;

public sealed class ServicePlannerTests
{
    private static readonly ServiceStatus Stopped = new("nginx", "systemd", true, false, false) { Source = "nginx.service" };
    private static readonly ServiceStatus Running = Stopped with { Running = true, Enabled = true };

    [Fact]
    public void Started_WhenStopped_IsAStateChange_AndTheCommandIsSystemctlStart()
    {
        var parameters = new ServiceParams { Name = "nginx", State = "started", Enabled = true };

        var plan = ServicePlanner.PlanFor(parameters, Stopped);
        var commands = ServicePlanner.Commands(parameters, Stopped, InitLayout.Default);

        Assert.Equal(["service nginx: state: stopped → started", "service nginx: enabled: no → yes"], plan.Changes.Select(c => c.ToString()));
        Assert.Equal(["systemctl start nginx.service", "systemctl enable nginx.service"], commands.Select(c => c.CommandLine));
    }

    [Fact]
    public void Started_WhenRunningAndEnabled_IsInSyncWithAReason()
    {
        var plan = ServicePlanner.PlanFor(new ServiceParams { Name = "nginx", State = "started", Enabled = true }, Running);

        Assert.False(plan.IsDrift);
        Assert.Equal("nginx is running and enabled", plan.Reason);
    }

    [Fact]
    public void Restarted_IsAlwaysAChange_AndReloadedStartsAStoppedService()
    {
        var restart = ServicePlanner.PlanFor(new ServiceParams { Name = "nginx", State = "restarted" }, Running);
        var reload = new ServiceParams { Name = "nginx", State = "reloaded" };

        Assert.Equal("restarted", Assert.Single(restart.Changes).After);
        Assert.Equal("started", Assert.Single(ServicePlanner.PlanFor(reload, Stopped).Changes).After);
        Assert.Equal("systemctl start nginx.service", Assert.Single(ServicePlanner.Commands(reload, Stopped, InitLayout.Default)).CommandLine);
        Assert.Equal("systemctl reload nginx.service", Assert.Single(ServicePlanner.Commands(reload, Running, InitLayout.Default)).CommandLine);
    }

    [Fact]
    public void A_missing_service_to_start_is_planned_as_assumed_and_a_missing_one_to_stop_is_in_sync()
    {
        var missing = new ServiceStatus("nginx", "sysv", false, false, false);

        var start = ServicePlanner.PlanFor(new ServiceParams { Name = "nginx", State = "started", Enabled = true }, missing);
        var stop = ServicePlanner.PlanFor(new ServiceParams { Name = "nginx", State = "stopped" }, missing);

        Assert.True(start.Assumed);
        Assert.Equal("started, enabled", Assert.Single(start.Changes).After);
        Assert.Contains("assuming an earlier task installs it", start.Reason);
        Assert.False(stop.IsDrift);
    }

    [Fact]
    public void Daemon_reload_without_a_name_is_one_change_on_systemd_and_runs_no_service_command()
    {
        var parameters = new ServiceParams { DaemonReload = true };
        var init = new ServiceStatus(string.Empty, "systemd", false, false, false);

        var plan = ServicePlanner.PlanFor(parameters, init);

        Assert.Equal("systemd: daemon-reload: (none) → run", Assert.Single(plan.Changes).ToString());
        Assert.Empty(ServicePlanner.Commands(parameters, init, InitLayout.Default));
        Assert.Equal("systemctl daemon-reload", ServicePlanner.DaemonReload.CommandLine);
    }

    [Fact]
    public void Daemon_reload_with_a_running_service_comes_first_and_sleep_is_ignored_on_systemd()
    {
        var parameters = new ServiceParams { Name = "nginx", State = "restarted", DaemonReload = true, Sleep = 5 };

        var plan = ServicePlanner.PlanFor(parameters, Running);

        Assert.Equal(["systemd: daemon-reload: (none) → run", "service nginx: state: running → restarted"], plan.Changes.Select(c => c.ToString()));
        Assert.Equal("systemctl restart nginx.service", Assert.Single(ServicePlanner.Commands(parameters, Running, InitLayout.Default)).CommandLine);
    }

    [Theory]
    [InlineData("{ daemon_reload: true }", null)]
    [InlineData("{ name: solr, state: restarted, sleep: 5 }", null)]
    [InlineData("{ state: started }", "name is required unless the task only asks for daemon_reload")]
    [InlineData("{ name: solr, state: restarted, sleep: -1 }", "sleep must be 0 or more seconds")]
    public void Params_accept_daemon_reload_alone_and_sleep(string yaml, string? message)
    {
        var problems = Converge.Modules.Tests.Common.ValidationProbe.Problems(new ServiceModule(), yaml);

        if (message is null)
        {
            Assert.Empty(problems);
        }
        else
        {
            Assert.Contains(problems, p => p.EndsWith(message, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void SysV_commands_call_the_init_script_and_update_rc_d()
    {
        var status = new ServiceStatus("ntp", "sysv", true, true, true);
        var parameters = new ServiceParams { Name = "ntp", State = "stopped", Enabled = false };

        var commands = ServicePlanner.Commands(parameters, status, InitLayout.Default);

        Assert.Equal("/etc/init.d/ntp stop", commands[0].CommandLine);
        Assert.Contains("update-rc.d \"$1\" disable", commands[1].Arguments[1]);
        Assert.Equal("ntp", commands[1].Arguments[^1]);
    }

    [Theory]
    [InlineData("nginx", null, null, "give state, enabled, daemon_reload, or several of them")]
    [InlineData("nginx", "running", null, "state must be one of")]
    [InlineData("bad name;", "started", null, "is not a service name")]
    public void The_validator_explains_each_mistake(string name, string? state, bool? enabled, string expected)
    {
        var result = new ServiceParamsValidator().Validate(new ServiceParams { Name = name, State = state, Enabled = enabled });

        Assert.Contains(result.Errors, e => e.ErrorMessage.Contains(expected, StringComparison.Ordinal));
    }
}
