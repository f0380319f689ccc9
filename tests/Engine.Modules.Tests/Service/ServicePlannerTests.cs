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
    [InlineData("nginx", null, null, "give state, enabled, or both")]
    [InlineData("nginx", "running", null, "state must be one of")]
    [InlineData("bad name;", "started", null, "is not a service name")]
    public void The_validator_explains_each_mistake(string name, string? state, bool? enabled, string expected)
    {
        var result = new ServiceParamsValidator().Validate(new ServiceParams { Name = name, State = state, Enabled = enabled });

        Assert.Contains(result.Errors, e => e.ErrorMessage.Contains(expected, StringComparison.Ordinal));
    }
}
