using Converge.Core.Connections;
using Converge.Core.Modules;
using Converge.Modules.Sysctl;
using Converge.Modules.Tests.Common;

namespace Converge.Modules.Tests.Sysctl;

/// <summary>
/// <c>sysctl</c> check → apply → check: the file edit on real files, and the live value with the real
/// <c>sysctl</c> inside a throwaway network namespace (net.ipv4.ip_default_ttl is per namespace).
/// </summary>
public sealed class SysctlModuleTests : IDisposable
{
    private readonly ModuleTestHost _host = new();
    private readonly SysctlModule _module = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task The_line_is_replaced_by_value_and_spacing_alone_is_not_drift()
    {
        var file = _host.PathOf("sysctl.conf");
        await File.WriteAllTextAsync(file, "# forwarding\nnet.ipv4.ip_forward = 0\nvm.swappiness=10\nnet.ipv4.ip_forward=0\n");
        var parameters = new SysctlParams { Name = "net.ipv4.ip_forward", Value = "yes", SysctlFile = file, Reload = false };

        var plan = await _host.CheckAsync(_module, parameters);
        await _host.ConvergeAsync(_module, parameters);
        var again = await _host.CheckAsync(_module, parameters);
        await File.WriteAllTextAsync(file, "net.ipv4.ip_forward =   1\n");
        var spaced = await _host.CheckAsync(_module, parameters);

        Assert.Equal($"{file}: net.ipv4.ip_forward: 0 → 1", Assert.Single(plan.Changes).ToString());
        Assert.Contains("+net.ipv4.ip_forward=1", plan.Changes[0].Diff);
        Assert.False(again.IsDrift, again.Reason);
        Assert.False(spaced.IsDrift, spaced.Reason);
    }

    [Fact]
    public async Task Absent_removes_every_line_for_the_key()
    {
        var file = _host.PathOf("99-test.conf");
        await File.WriteAllTextAsync(file, "kernel.panic=10\nvm.swappiness=10\n");
        var parameters = new SysctlParams { Name = "kernel.panic", State = "absent", SysctlFile = file, Reload = false };

        await _host.ConvergeAsync(_module, parameters);
        var again = await _host.CheckAsync(_module, parameters);

        Assert.Equal("vm.swappiness=10\n", await File.ReadAllTextAsync(file));
        Assert.False(again.IsDrift);
    }

    [RootFact]
    [Trait("Requires", "root")]
    public async Task Sysctl_set_and_reload_change_the_live_value_in_a_namespace_only()
    {
        using var netns = new ThrowawayNamespace("net");
        var file = _host.PathOf("60-ttl.conf");
        var parameters = new SysctlParams { Name = "net.ipv4.ip_default_ttl", Value = "61", SysctlFile = file, SysctlSet = true };
        var machineTtl = (await File.ReadAllTextAsync("/proc/sys/net/ipv4/ip_default_ttl")).Trim();

        var check = await _module.CheckAsync(_host.Context(netns.Wrap(new LocalConnection("localhost")), checkMode: true), parameters, CancellationToken.None);
        Assert.False(File.Exists(file));
        var context = _host.Context(netns.Wrap(new LocalConnection("localhost")));
        var plan = await _module.CheckAsync(context, parameters, CancellationToken.None);
        await _module.ApplyAsync(context, parameters, plan, CancellationToken.None);
        var again = await _module.CheckAsync(_host.Context(netns.Wrap(new LocalConnection("localhost"))), parameters, CancellationToken.None);

        Assert.Equal([$"{file}: net.ipv4.ip_default_ttl: (none) → 61", "live net.ipv4.ip_default_ttl: 64 → 61"], check.Changes.Select(c => c.ToString()));
        Assert.False(again.IsDrift, again.Reason);
        Assert.Equal("net.ipv4.ip_default_ttl=61\n", await File.ReadAllTextAsync(file));
        Assert.Equal(machineTtl, (await File.ReadAllTextAsync("/proc/sys/net/ipv4/ip_default_ttl")).Trim());
    }

    [RootFact]
    [Trait("Requires", "root")]
    public async Task An_unknown_key_fails_the_check_unless_ignoreerrors()
    {
        var parameters = new SysctlParams { Name = "net.converge.nonexistent", Value = "1", SysctlFile = _host.PathOf("x.conf"), SysctlSet = true };

        var error = await Assert.ThrowsAsync<Core.Diagnostics.TaskFailedException>(() => _host.CheckAsync(_module, parameters));
        var ignored = await _host.CheckAsync(_module, parameters with { IgnoreErrors = true });

        Assert.Contains("the kernel has no parameter net.converge.nonexistent", error.Message);
        Assert.Single(ignored.Changes);
    }

    [Theory]
    [InlineData("{ key: vm.swappiness }", "sysctl: value is required with state present")]
    [InlineData("{ name: vm.swappiness, val: 10, sysctl_file: sysctl.conf }", "sysctl: sysctl_file must be an absolute path, not 'sysctl.conf'")]
    public void Bad_params_are_named(string yaml, string message)
    {
        Assert.Contains(message, ValidationProbe.Problems(_module, yaml));
    }
}
