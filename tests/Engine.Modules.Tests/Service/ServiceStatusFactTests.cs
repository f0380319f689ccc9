using Converge.Core.Connections;
using Converge.Modules.Service;

namespace Converge.Modules.Tests.Service;

/// <summary>The parser of <see cref="ServiceStatusFact"/>, from output recorded with systemd 252 and sysvinit on Debian 12.</summary>
public sealed class ServiceStatusFactTests
{
    private static ServiceStatus Parse(string name, string stdout) =>
        new ServiceStatusFact(name, InitLayout.Default).Parse(new CommandResult(0, null, stdout, string.Empty));

    [Fact]
    public void Parse_SystemdActiveEnabled()
    {
        var status = Parse("ssh", "init=systemd\nLoadState=loaded\nActiveState=active\nUnitFileState=enabled\n");

        Assert.Equal(new ServiceStatus("ssh", "systemd", true, true, true) { Source = "ssh.service" }, status);
    }

    [Fact]
    public void Parse_SystemdNotFound()
    {
        var status = Parse("nginx", "init=systemd\nLoadState=not-found\nActiveState=inactive\nUnitFileState=\n");

        Assert.False(status.Exists);
        Assert.Equal("systemd service nginx is not installed", status.Describe());
    }

    [Fact]
    public void Parse_SystemdStaticUnitCountsAsEnabled_AndFailedAsStopped()
    {
        var status = Parse("docker.socket", "init=systemd\nActiveState=failed\nLoadState=loaded\nUnitFileState=static\n");

        Assert.True(status.Enabled);
        Assert.False(status.Running);
        Assert.Equal("docker.socket", status.Source);
    }

    [Fact]
    public void Parse_SysVRunningWithStartLinks()
    {
        var status = Parse("ssh", "init=sysv\nexists=yes\nstatus=0\nstart_link=/etc/rc2.d/S01ssh\nstart_link=/etc/rc3.d/S01ssh\n");

        Assert.Equal(new ServiceStatus("ssh", "sysv", true, true, true) { Source = "/etc/init.d/ssh" }, status);
    }

    [Fact]
    public void Parse_SysVStoppedWithoutLinks_AndMissingScript()
    {
        var stopped = Parse("postgresql", "init=sysv\nexists=yes\nstatus=3\n");
        var missing = Parse("nginx", "init=sysv\nexists=no\n");

        Assert.Equal((true, false, false), (stopped.Exists, stopped.Running, stopped.Enabled));
        Assert.False(missing.Exists);
    }

    [Fact]
    public void Unit_AddsTheServiceSuffixOnlyWhenMissing()
    {
        Assert.Equal("nginx.service", new ServiceStatusFact("nginx", InitLayout.Default).Unit);
        Assert.Equal("docker.socket", new ServiceStatusFact("docker.socket", InitLayout.Default).Unit);
    }
}
