using Converge.Core.Connections;
using Converge.Modules.Hostname;
using Converge.Modules.Tests.Common;

namespace Converge.Modules.Tests.Hostname;

/// <summary><c>hostname</c> check → apply → check with the real <c>hostname</c> command in a throwaway UTS namespace.</summary>
public sealed class HostnameModuleTests : IDisposable
{
    private readonly ModuleTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [RootFact]
    [Trait("Requires", "root")]
    public async Task The_running_name_and_the_file_are_set_in_a_namespace_only()
    {
        using var uts = new ThrowawayNamespace("uts");
        var file = _host.PathOf("hostname");
        await File.WriteAllTextAsync(file, "old-name\n");
        var module = new HostnameModule(file, _host.PathOf("no-systemd"));
        var parameters = new HostnameParams { Name = "web-01.example.org" };
        var machineName = (await File.ReadAllTextAsync("/proc/sys/kernel/hostname")).Trim();

        var check = await module.CheckAsync(_host.Context(uts.Wrap(new LocalConnection("localhost")), checkMode: true), parameters, CancellationToken.None);
        var context = _host.Context(uts.Wrap(new LocalConnection("localhost")));
        var plan = await module.CheckAsync(context, parameters, CancellationToken.None);
        await module.ApplyAsync(context, parameters, plan, CancellationToken.None);
        var again = await module.CheckAsync(_host.Context(uts.Wrap(new LocalConnection("localhost"))), parameters, CancellationToken.None);

        Assert.Equal([$"hostname: current: {machineName} → web-01.example.org", $"hostname: {file}: old-name → web-01.example.org"], check.Changes.Select(c => c.ToString()));
        Assert.False(again.IsDrift, again.Reason);
        Assert.Equal("web-01.example.org\n", await File.ReadAllTextAsync(file));
        Assert.Equal(machineName, (await File.ReadAllTextAsync("/proc/sys/kernel/hostname")).Trim());
    }

    [Fact]
    public void A_bad_name_and_another_platforms_strategy_are_refused()
    {
        Assert.Contains("hostname: 'web_01' is not a valid host name (letters, digits, '-' and '.' separated labels, at most 64 characters)", ValidationProbe.Problems(new HostnameModule(), "{ name: web_01 }"));
        Assert.Contains("hostname: use must be one of auto, systemd, debian, generic, not 'redhat' (Converge manages Debian-family hosts)", ValidationProbe.Problems(new HostnameModule(), "{ name: web, use: redhat }"));
    }
}
