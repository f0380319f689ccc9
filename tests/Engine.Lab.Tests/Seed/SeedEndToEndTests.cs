using Converge.Lab.Tests.Hosts;

namespace Converge.Lab.Tests.Seed;

/// <summary>
/// The mission, proven with real packets on one variant of the seed network: the seed playbook on three
/// lab hosts and a builder converges, containers on every pair of hosts ping each other at full MTU with
/// DF, reruns change nothing, and a hand edit is found by check and repaired by apply with one reboot.
/// </summary>
public abstract class SeedEndToEndTests<TLab>(TLab seed)
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
