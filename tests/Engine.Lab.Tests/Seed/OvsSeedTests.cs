using System.Diagnostics;
using Converge.Lab.Tests.Hosts;
using Converge.TestKit.Packages;
using Xunit.Abstractions;

namespace Converge.Lab.Tests.Seed;

/// <summary>
/// The seed end to end on its own layout (Open vSwitch userspace datapath, GRE full mesh, RSTP;
/// <c>playbooks/inventories/lab</c>), and the faults a rolling network change must survive: a host
/// lost mid-run and a run killed before its reboot handler (the root failover is in the base class).
/// </summary>
public sealed class OvsSeedTests(OvsSeedLab seed, ITestOutputHelper output) : SeedEndToEndTests<OvsSeedLab>(seed, output), IClassFixture<OvsSeedLab>
{
    /// <summary>Play 3's pings wait for every peer; with a peer down on purpose they would only time out.</summary>
    private static readonly string[] WithoutMeshCheck = ["--detailed-exitcode", "--skip-tags", "mesh-check"];

    [LabFact]
    public async Task A_run_killed_between_writing_interfaces_and_the_reboot_makes_the_next_run_reboot()
    {
        await EditMtuAsync("node1");
        var boot = await Seed.BootIdAsync("node1");
        var log = Path.GetTempFileName();
        try
        {
            using (var run = Seed.StartApply(log, WithoutMeshCheck))
            {
                var line = await WaitForLineAsync(run, log, "changed: [node1] mesh interfaces");
                run.Kill(entireProcessTree: true);
                await run.WaitForExitAsync();
                Assert.True(line, $"the run never changed node1's interfaces:\n{await File.ReadAllTextAsync(log)}");
            }

            Assert.Equal(boot, await Seed.BootIdAsync("node1"));
            Assert.DoesNotContain("mtu 1500", await Lab.ConsoleOkAsync(Name, "node1", "cat", SeedLab.MeshFile), StringComparison.Ordinal);

            var next = await Seed.ConvergeAsync("apply", "--detailed-exitcode");

            Assert.True(next.ExitCode == 2, next.ToString());
            Assert.Equal(["reboot"], next.ChangedTasks("node1"));
            Assert.Equal(1, next.Changed);
            Assert.NotEqual(boot, await Seed.BootIdAsync("node1"));
            await AssertContainersPingAsync();
        }
        finally
        {
            File.Delete(log);
        }
    }

    [LabFact]
    public async Task A_host_hard_stopped_mid_run_is_unreachable_while_the_others_converge_and_a_rerun_converges_it()
    {
        foreach (var host in Seed.MeshHosts)
        {
            await EditMtuAsync(host);
        }

        // node3 must still be in its tasks when it loses power: once it reached its reboot (the first host to, with
        // throttle: 1), the run would rightly wait reboot_timeout (900 s) for it to come back. Its tasks take
        // milliseconds, so the test keeps it in one: node3's record of its Open vSwitch package names another .deb,
        // so the run reinstalls it, and waits there for the dpkg lock the test holds (lock_timeout 60 s).
        await Lab.ConsoleOkAsync(Name, "node3", "sh", "-c", $"echo {new string('0', 64)} > /var/lib/converge/debs/openvswitch-lab.sha256; {DpkgLockHolder.Script(300)}");
        var log = Path.GetTempFileName();
        try
        {
            SeedRun run;
            using (var process = Seed.StartApply(log, WithoutMeshCheck))
            {
                // node3 is connected and working through its tasks when it loses power.
                Assert.True(await WaitForLineAsync(process, log, "[node3] bridge-utils and Docker"), await File.ReadAllTextAsync(log));
                await Lab.StopAsync(Name, "node3", hard: true, CancellationToken.None);
                await process.WaitForExitAsync();
                run = Seed.StartedRun(process.ExitCode, await File.ReadAllTextAsync(log));
            }

            Assert.True((run.ExitCode & 8) == 8, run.ToString());
            Assert.True(run.Unreachable("node3"), run.ToString());
            Assert.Equal(["node3"], run.Hosts("Open vSwitch packages", "unreachable"));
            Assert.False(run.Unreachable("node1") || run.Unreachable("node2"), run.ToString());
            Assert.Equal(["node1", "node2"], run.Hosts("reboot", "changed"));
            foreach (var host in new[] { "node1", "node2" })
            {
                Assert.DoesNotContain("mtu 1500", await Lab.ConsoleOkAsync(Name, host, "cat", SeedLab.MeshFile), StringComparison.Ordinal);
            }

            await Lab.StartAsync(Name, "node3", CancellationToken.None);
            var rerun = await Seed.ConvergeAsync("apply", "--detailed-exitcode");

            Assert.True(rerun.ExitCode == 2, rerun.ToString());
            Assert.Equal(["node3"], rerun.Hosts("reboot", "changed"));
            Assert.Empty(rerun.ChangedTasks("node1"));
            Assert.Empty(rerun.ChangedTasks("node2"));
            Assert.DoesNotContain("mtu 1500", await Lab.ConsoleOkAsync(Name, "node3", "cat", SeedLab.MeshFile), StringComparison.Ordinal);
            await AssertContainersPingAsync();
        }
        finally
        {
            File.Delete(log);
            await StartIfOffAsync("node3");
        }
    }

    /// <summary>Polls a running converge's output until a line contains <paramref name="text"/>; false if the run ends first.</summary>
    private static async Task<bool> WaitForLineAsync(Process run, string log, string text)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(5);
        while (DateTime.UtcNow < deadline)
        {
            var exited = run.HasExited;
            if ((await File.ReadAllTextAsync(log)).Contains(text, StringComparison.Ordinal))
            {
                return true;
            }

            if (exited)
            {
                return false;
            }

            await Task.Delay(10);
        }

        return false;
    }
}
