using Converge.Core.Diagnostics;
using Converge.Modules.Tests.Common;
using Converge.Modules.Timezone;

namespace Converge.Modules.Tests.Timezone;

/// <summary><c>timezone</c> check → apply → check on a root folder of its own, against the real zoneinfo.</summary>
public sealed class TimezoneModuleTests : IDisposable
{
    private readonly ModuleTestHost _host = new();
    private readonly TimezoneModule _module;

    public TimezoneModuleTests()
    {
        Directory.CreateDirectory(_host.PathOf("etc"));
        _module = new TimezoneModule(_host.Target, _host.PathOf("no-systemd"));
    }

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task The_zone_is_linked_and_recorded_then_in_sync()
    {
        await File.WriteAllTextAsync(_host.PathOf("etc/timezone"), "Etc/UTC\n");
        var parameters = new TimezoneParams { Name = "Europe/Paris" };

        var check = await _host.CheckAsync(_module, parameters);
        await _host.ConvergeAsync(_module, parameters);
        var again = await _host.CheckAsync(_module, parameters);

        Assert.Equal(["timezone: /etc/timezone: Etc/UTC → Europe/Paris", "timezone: /etc/localtime: (none) → /usr/share/zoneinfo/Europe/Paris"], check.Changes.Select(c => c.ToString()));
        Assert.Equal("/usr/share/zoneinfo/Europe/Paris", new FileInfo(_host.PathOf("etc/localtime")).LinkTarget);
        Assert.Equal("Europe/Paris\n", await File.ReadAllTextAsync(_host.PathOf("etc/timezone")));
        Assert.False(again.IsDrift, again.Reason);
    }

    [Fact]
    public async Task An_unknown_zone_fails_the_check_naming_it()
    {
        var error = await Assert.ThrowsAsync<TaskFailedException>(() => _host.CheckAsync(_module, new TimezoneParams { Name = "Mars/Olympus_Mons" }));

        Assert.Equal("timezone: Mars/Olympus_Mons is not a time zone on this host (no /usr/share/zoneinfo/Mars/Olympus_Mons; is tzdata installed?)", error.Message);
    }

    [Fact]
    public void Hwclock_is_refused_with_the_reason()
    {
        Assert.Contains("timezone: hwclock is not supported: Converge sets the zone only (the RTC mode lives in /etc/adjtime; manage it with a file task)", ValidationProbe.Problems(_module, "{ name: UTC, hwclock: local }"));
    }
}
