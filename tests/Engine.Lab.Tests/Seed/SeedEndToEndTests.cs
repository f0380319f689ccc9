using System.Diagnostics;
using Converge.Lab.Tests.Hosts;
using Xunit.Abstractions;

namespace Converge.Lab.Tests.Seed;

/// <summary>
/// The mission, proven with real packets on one variant of the seed network: the seed playbook on three
/// lab hosts and a builder converges, containers on every pair of hosts ping each other at full MTU with
/// DF, reruns change nothing, a hand edit is found by check and repaired by apply with one reboot, and
/// the containers reach each other again after the spanning-tree root is lost.
/// </summary>
public abstract class SeedEndToEndTests<TLab>(TLab seed, ITestOutputHelper output)
    where TLab : SeedLab
{
    protected TLab Seed => seed;

    protected Lab Lab => seed.Lab;

    protected string Name => seed.Name;

    [LabFact]
    public async Task The_seed_converges_containers_ping_across_hosts_at_full_mtu_and_a_rerun_and_check_change_nothing()
    {
        var first = seed.FirstApply!;
        Assert.True(first.ExitCode == 2, first.ToString());
        Assert.True(first.Changed > 0, first.ToString());
        Assert.Equal(seed.MeshHosts, first.Hosts("reboot", "changed"));

        await AssertContainersPingAsync();

        var second = await seed.ConvergeAsync("apply", "--detailed-exitcode");
        Assert.True(second.ExitCode == 0, $"{second}\n{await seed.NetworkStateAsync()}");
        Assert.Equal(0, second.Changed);

        var check = await seed.ConvergeAsync("check");
        Assert.True(check.ExitCode == 0, check.ToString());
    }

    [LabFact]
    public async Task A_hand_edit_of_one_hosts_interfaces_is_found_by_check_and_repaired_by_apply_with_exactly_one_reboot()
    {
        var edited = await EditMtuAsync("node2");

        var check = await seed.ConvergeAsync("check");

        Assert.True(check.ExitCode == 2, check.ToString());
        Assert.Equal(["node2"], check.Hosts("mesh interfaces", "changed"));
        Assert.Contains($"+    mtu {seed.Mtu}", check.Outcome.Stdout + check.Report.ToString(), StringComparison.Ordinal);
        Assert.Equal(edited, await Lab.ConsoleOkAsync(Name, "node2", "cat", SeedLab.MeshFile));

        var boot = await seed.BootIdAsync("node2");
        var repair = await seed.ConvergeAsync("apply", "--detailed-exitcode");

        Assert.True(repair.ExitCode == 2, repair.ToString());
        Assert.Equal(["node2"], repair.Hosts("reboot", "changed"));
        Assert.Equal(["mesh interfaces", "reboot"], repair.ChangedTasks("node2"));
        Assert.Equal(0, repair.Changed - repair.ChangedTasks("node2").Count);
        Assert.NotEqual(boot, await seed.BootIdAsync("node2"));
        Assert.DoesNotContain("mtu 1500", await Lab.ConsoleOkAsync(Name, "node2", "cat", SeedLab.MeshFile), StringComparison.Ordinal);
        await AssertContainersPingAsync();
    }

    [LabFact]
    public async Task When_the_spanning_tree_root_is_hard_stopped_the_other_containers_reach_each_other_again()
    {
        await AssertContainersPingAsync();
        var root = await RootBridgeAsync();
        var survivors = seed.MeshHosts.Where(h => h != root).ToList();
        var before = await SpanningTreeAsync(survivors);
        try
        {
            var clock = Stopwatch.StartNew();
            await Lab.StopAsync(Name, root, hard: true, CancellationToken.None);
            var stopped = clock.Elapsed;
            await AssertContainersPingAsync(survivors);
            var outage = clock.Elapsed;

            output.WriteLine($"root {root} hard-stopped in {stopped.TotalSeconds:F1} s; {string.Join(" and ", survivors)} reach each other again after {outage.TotalSeconds:F1} s ({seed.Protocol})");
            var after = await SpanningTreeAsync(survivors);

            // Before, the link between the survivors was blocked on one side (the triangle's loop); now a
            // survivor is the root and that link forwards.
            Assert.Contains(seed.BlockedMarker, before, StringComparison.Ordinal);
            Assert.Contains(seed.RootMarker, after, StringComparison.Ordinal);
            Assert.DoesNotContain(seed.BlockedMarker, after, StringComparison.Ordinal);
            Assert.True(outage < TimeSpan.FromSeconds(60), $"the outage lasted {outage.TotalSeconds:F1} s");
        }
        finally
        {
            await StartIfOffAsync(root);
        }

        await AssertContainersPingAsync();
    }

    /// <summary>Powers a host back on when a test stopped it, so the next test finds the whole mesh.</summary>
    protected async Task StartIfOffAsync(string host)
    {
        if ((await Lab.StatusAsync(Name, CancellationToken.None)).Single(h => h.Name == host).State == "off")
        {
            await Lab.StartAsync(Name, host, CancellationToken.None);
        }
    }

    private async Task<string> SpanningTreeAsync(IEnumerable<string> hosts) =>
        string.Join('\n', await Task.WhenAll(hosts.Select(h => Lab.ConsoleOkAsync(Name, h, [.. seed.SpanningTreeCommand]))));

    /// <summary>The mesh host whose bridge is the spanning-tree root.</summary>
    private async Task<string> RootBridgeAsync()
    {
        foreach (var host in seed.MeshHosts)
        {
            if ((await Lab.ConsoleOkAsync(Name, host, [.. seed.SpanningTreeCommand])).Contains(seed.RootMarker, StringComparison.Ordinal))
            {
                return host;
            }
        }

        Assert.Fail("no mesh host is the spanning-tree root:\n" + await seed.NetworkStateAsync());
        return "";
    }

    /// <summary>Changes the first MTU line of a host's mesh interfaces file to 1500; returns the edited file.</summary>
    protected async Task<string> EditMtuAsync(string host)
    {
        await Lab.ConsoleOkAsync(Name, host, "sed", "-i", $"0,/mtu {seed.Mtu}/s//mtu 1500/", SeedLab.MeshFile);
        var edited = await Lab.ConsoleOkAsync(Name, host, "cat", SeedLab.MeshFile);
        Assert.Contains("mtu 1500", edited, StringComparison.Ordinal);
        return edited;
    }

    /// <summary>A container on each given host (all mesh hosts by default); every ordered pair pings at full MTU with DF.</summary>
    protected async Task<TimeSpan> AssertContainersPingAsync(IReadOnlyList<string>? hosts = null)
    {
        var probe = new LabMeshProbe(Lab, Name);
        var containers = await probe.StartContainersAsync(CancellationToken.None, hosts);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var pings = await probe.PingAllAsync(containers, TimeSpan.FromSeconds(120), CancellationToken.None);
        var waited = clock.Elapsed;

        Assert.Equal(containers.Count * (containers.Count - 1), pings.Count);
        if (pings.Any(p => !p.Passed))
        {
            Assert.Fail(string.Join('\n', pings.Select(p => $"{p.From} -> {p.To} ({p.Address}, {p.PayloadBytes} bytes, DF): {(p.Passed ? "ok" : "FAILED")} {p.Detail}"))
                + "\n" + await seed.NetworkStateAsync());
        }

        Assert.All(pings, p => Assert.Equal(seed.Mtu - 28, p.PayloadBytes));
        return waited;
    }
}
