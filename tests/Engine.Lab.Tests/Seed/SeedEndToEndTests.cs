using System.Diagnostics;
using System.Text.Json;
using Converge.Lab.Tests.Hosts;
using Converge.TestKit;

namespace Converge.Lab.Tests.Seed;

/// <summary>
/// The mission, proven with real packets: the seed playbook on three lab hosts and a builder (OVS userspace
/// datapath, GRE full mesh, RSTP), containers on every pair of hosts pinging at full MTU with DF, reruns
/// that change nothing, and a hand edit found by check and repaired by apply with exactly one reboot.
/// </summary>
[Trait("Requires", "lab")]
public sealed class SeedEndToEndTests : IAsyncLifetime
{
    private static readonly string Name = TestLabs.Named("seed");

    private readonly Lab _lab = Lab.Default(message => Debug.WriteLine(message));
    private readonly string _reports = Directory.CreateTempSubdirectory("converge-seed-e2e-").FullName;

    public async Task InitializeAsync()
    {
        if (Environment.IsPrivilegedProcess && OperatingSystem.IsLinux())
        {
            await _lab.UpAsync(new LabSpec(Name, Hosts: 3, Builder: true), installMissing: true, CancellationToken.None);
        }
    }

    public async Task DisposeAsync()
    {
        if (_lab.Exists(Name))
        {
            await _lab.DownAsync(Name, CancellationToken.None);
        }

        Directory.Delete(_reports, recursive: true);
    }

    private Task<ConvergeOutcome> ConvergeAsync(string verb, string report, params string[] extra) =>
        ConvergeProcess.RunAsync(
            [verb, Path.Combine(RepositoryPaths.Playbooks, "docker-mesh.yml"),
             "-i", _lab.InventoryFile(Name), "-i", Path.Combine(RepositoryPaths.Playbooks, "inventories", "lab"),
             "--report", Path.Combine(_reports, report), .. extra]);

    private JsonElement Report(string report) => JsonDocument.Parse(File.ReadAllText(Path.Combine(_reports, report))).RootElement;

    [LabFact]
    public async Task The_seed_converges_containers_ping_across_hosts_and_a_hand_edit_is_found_and_repaired()
    {
        var first = await ConvergeAsync("apply", "first.json", "--detailed-exitcode");

        Assert.True(first.ExitCode == 2, first.ToString());
        Assert.True(Report("first.json").GetProperty("hosts").EnumerateObject().Sum(h => h.Value.GetProperty("changed").GetInt32()) > 0);

        var probe = new LabMeshProbe(_lab, Name);
        var containers = await probe.StartContainersAsync(CancellationToken.None);
        var pings = await probe.PingAllAsync(containers, TimeSpan.FromSeconds(120), CancellationToken.None);

        Assert.Equal(6, pings.Count);
        Assert.All(pings, p => Assert.True(p.Passed, $"{p.From} → {p.To} ({p.Address}, {p.PayloadBytes} bytes, DF): {p.Detail}"));
        Assert.All(pings, p => Assert.Equal(1434, p.PayloadBytes));

        var second = await ConvergeAsync("apply", "second.json", "--detailed-exitcode");
        var check = await ConvergeAsync("check", "check.json");

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.True(check.ExitCode == 0, check.ToString());

        const string meshFile = "/etc/network/interfaces.d/converge-mesh";
        await _lab.SshOkAsync(Name, "node2", $"sed -i 's/mtu 1462/mtu 1500/' {meshFile}");
        var edited = await _lab.SshOkAsync(Name, "node2", $"cat {meshFile}");

        var drift = await ConvergeAsync("check", "drift.json");

        Assert.True(drift.ExitCode == 2, drift.ToString());
        Assert.Contains("changed: [node2] mesh interfaces", drift.Stdout);
        Assert.Contains("+    mtu 1462", drift.Stdout);
        Assert.Equal(edited, await _lab.SshOkAsync(Name, "node2", $"cat {meshFile}"));

        var repair = await ConvergeAsync("apply", "repair.json", "--detailed-exitcode");

        Assert.True(repair.ExitCode == 2, repair.ToString());
        var reboots = Report("repair.json").GetProperty("tasks").EnumerateArray()
            .Where(t => t.GetProperty("module").GetString() == "reboot" && t.GetProperty("status").GetString() == "changed")
            .Select(t => t.GetProperty("host").GetString())
            .ToList();
        Assert.Equal(["node2"], reboots);
        Assert.DoesNotContain("mtu 1500", await _lab.SshOkAsync(Name, "node2", $"cat {meshFile}"));
    }
}
