using Converge.Modules.ServiceFacts;
using Converge.Modules.Tests.Common;

namespace Converge.Modules.Tests.ServiceFacts;

/// <summary>
/// <c>service_facts</c>: Ansible's parsing of systemd 252's listings (Debian 12's format: a failed or not-found
/// unit is marked with ●), and the real SysV scan on this machine, which does not run systemd.
/// </summary>
public sealed class ServiceFactsModuleTests : IDisposable
{
    private const string Units =
        """
          UNIT                        LOAD      ACTIVE   SUB     DESCRIPTION
          cron.service                loaded    active   running Regular background program processing daemon
        ● ntp.service                 not-found inactive dead    ntp.service
          ssh.service                 loaded    active   running OpenBSD Secure Shell server
          systemd-timesyncd.service   loaded    inactive dead    Network Time Synchronization

        LOAD   = Reflects whether the unit definition was properly loaded.
        4 loaded units listed.
        """;

    private const string UnitFiles =
        """
        UNIT FILE                   STATE           PRESET
        cron.service                enabled         enabled
        getty@.service              enabled         enabled
        rsync.service               disabled        enabled
        ssh.service                 enabled         enabled
        systemd-timesyncd.service   masked          enabled

        5 unit files listed.
        """;

    private readonly ModuleTestHost _host = new();

    public void Dispose() => _host.Dispose();

    private static IReadOnlyDictionary<string, object?> Entry(Dictionary<string, object?> services, string name) =>
        (IReadOnlyDictionary<string, object?>)services[name]!;

    [Fact]
    public void Systemd_units_and_unit_files_give_state_and_status_as_Ansible_parses_them()
    {
        var services = ServiceScan.Services(new ServiceListing(null, Units, UnitFiles, "Id=rsync.service\nActiveState=inactive\n\nId=cron.service\nActiveState=active\n"));

        Assert.Equal(("running", "enabled", "systemd"), (Entry(services, "cron.service")["state"], Entry(services, "cron.service")["status"], Entry(services, "cron.service")["source"]));
        Assert.Equal(("stopped", "not-found"), (Entry(services, "ntp.service")["state"], Entry(services, "ntp.service")["status"]));
        Assert.Equal(("inactive", "disabled"), (Entry(services, "rsync.service")["state"], Entry(services, "rsync.service")["status"]));
        Assert.Equal(("unknown", "enabled"), (Entry(services, "getty@.service")["state"], Entry(services, "getty@.service")["status"]));
        Assert.Equal("masked", Entry(services, "systemd-timesyncd.service")["status"]);
    }

    [Fact]
    public void Service_status_all_gives_running_and_stopped_SysV_services_without_a_status()
    {
        var services = ServiceScan.Services(new ServiceListing(" [ + ]  cron\n [ - ]  ntp\n [ ? ]  hwclock.sh\n", null, null, null));

        Assert.Equal(["cron", "ntp"], services.Keys);
        Assert.Equal(new Dictionary<string, object?> { ["name"] = "ntp", ["state"] = "stopped", ["source"] = "sysv" }, Entry(services, "ntp"));
    }

    [Fact]
    public async Task On_this_machine_the_SysV_scan_reads_the_init_scripts_and_changes_nothing()
    {
        var plan = await _host.CheckAsync(new ServiceFactsModule(), new ServiceFactsParams());

        var services = (IReadOnlyDictionary<string, object?>)((IReadOnlyDictionary<string, object?>)plan.Output["ansible_facts"]!)["services"]!;
        Assert.False(plan.IsDrift);
        var scripts = Directory.Exists("/etc/init.d") ? Directory.GetFiles("/etc/init.d").Length : 0;
        Assert.True(scripts == 0 || services.Count > 0, $"{scripts} init scripts but no services read");
        Assert.All(services.Values, s => Assert.Equal("sysv", ((IReadOnlyDictionary<string, object?>)s!)["source"]));
    }

    [Fact]
    public void It_takes_no_parameters()
    {
        Assert.Empty(ValidationProbe.Problems(new ServiceFactsModule(), "{}"));
        Assert.Contains(ValidationProbe.Problems(new ServiceFactsModule(), "{ gather: all }"), p => p.Contains("unknown parameter 'gather'", StringComparison.Ordinal));
    }
}
