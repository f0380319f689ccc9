using System.Diagnostics;
using Converge.TestKit;

namespace Converge.Lab.Tests.Hosts;

[Collection(LabCollection.Name)]
public sealed class LabLifecycleTests(SharedLab shared)
{
    private static readonly string Down = TestLabs.Named("down");
    private static readonly string A = TestLabs.Named("a");
    private static readonly string B = TestLabs.Named("b");
    private static readonly string Broken = TestLabs.Named("broken");
    private static readonly string Nohup = TestLabs.Named("nohup");

    private Lab Lab => shared.Lab;

    [LabFact]
    public async Task Down_leaves_no_namespace_interface_mount_or_process_behind()
    {
        var before = await MachineSnapshot.TakeAsync();
        var lab = await Lab.UpAsync(new LabSpec(Down, Hosts: 2, Builder: true), installMissing: false, CancellationToken.None);
        var up = await MachineSnapshot.TakeAsync();
        Assert.Contains($"converge-{Down}-switch", up.Namespaces);
        Assert.Contains($"converge-{Down}-node1", up.Namespaces);
        Assert.Contains(lab.Network.ControllerInterface, up.Links);
        Assert.Equal(3, up.LabProcesses.Count(p => p.Contains($"/converge/lab/{Down}/", StringComparison.Ordinal) && p.Contains("supervise.sh", StringComparison.Ordinal)));
        await Lab.SshOkAsync(Down, "builder", "hostname");
        var hostPids = (await Lab.StatusAsync(Down, CancellationToken.None)).Select(h => h.InitPid!.Value).ToList();

        await Lab.DownAsync(Down, CancellationToken.None);

        // Anything that differs from before must belong to another lab started meanwhile (another
        // test run on this machine); nothing may be this lab's.
        var after = await MachineSnapshot.TakeAsync();
        AssertOnlyOtherLabsDiffer(before.Namespaces, after.Namespaces, lab.Network);
        AssertOnlyOtherLabsDiffer(before.Links, after.Links, lab.Network);
        AssertOnlyOtherLabsDiffer(before.Mounts, after.Mounts, lab.Network);
        AssertOnlyOtherLabsDiffer(before.LabProcesses, after.LabProcesses, lab.Network);
        Assert.All(hostPids, pid => Assert.False(Machine.IsRunning(pid), $"host init {pid} still runs"));
        Assert.False(Directory.Exists(Lab.StateDir(Down)));
        Assert.False(Directory.Exists(Lab.RunDir(Down)));
        Assert.False(File.Exists(Lab.InventoryFile(Down)));
        // The image's loop device goes with the last host using it (autoclear), asynchronously.
        await WaitUntilAsync(async () => !(await MachineSnapshot.TakeAsync()).LoopDevices.Any(l => l.Contains($"/converge/lab/{Down}/", StringComparison.Ordinal)));
    }

    private static void AssertOnlyOtherLabsDiffer(IReadOnlySet<string> before, IReadOnlySet<string> after, LabNetwork ours)
    {
        var changed = before.Except(after).Concat(after.Except(before)).ToList();
        var mine = changed.Where(e => e.Contains($"converge-{ours.LabName}-", StringComparison.Ordinal)
            || e.Contains($"/converge/lab/{ours.LabName}/", StringComparison.Ordinal)
            || e.Split(' ').Contains(ours.ControllerInterface)).ToList();
        Assert.True(mine.Count == 0, "left behind: " + string.Join("; ", mine));
        var unexplained = changed.Where(e => !e.Contains("converge-", StringComparison.Ordinal) && !e.Contains("/converge/lab/", StringComparison.Ordinal)
            && !e.StartsWith("cvlab", StringComparison.Ordinal) && !e.StartsWith("/run/netns ", StringComparison.Ordinal)).ToList();
        Assert.True(unexplained.Count == 0, "changed on the machine: " + string.Join("; ", unexplained));
    }

    [LabFact]
    public async Task Two_labs_coexist_on_separate_subnets()
    {
        var a = await Lab.UpAsync(new LabSpec(A, Hosts: 1), installMissing: false, CancellationToken.None);
        try
        {
            var b = await Lab.UpAsync(new LabSpec(B, Hosts: 1), installMissing: false, CancellationToken.None);
            try
            {
                Assert.NotEqual(a.SubnetIndex, b.SubnetIndex);
                Assert.NotEqual(a.Hosts[0].Address, b.Hosts[0].Address);
                await Lab.SshOkAsync(A, "node1", "echo a > /root/which");
                await Lab.SshOkAsync(B, "node1", "echo b > /root/which");
                Assert.Equal("a", await Lab.SshOkAsync(A, "node1", "cat /root/which"));
                Assert.Equal("b", await Lab.SshOkAsync(B, "node1", "cat /root/which"));

                await Lab.DownAsync(A, CancellationToken.None);
                Assert.Equal("b", await Lab.SshOkAsync(B, "node1", "cat /root/which"));
                Assert.Equal("node1", await Lab.SshOkAsync(SharedLab.Name, "node1", "hostname"));
            }
            finally
            {
                await Lab.DownAsync(B, CancellationToken.None);
            }
        }
        finally
        {
            if (Lab.Exists(A))
            {
                await Lab.DownAsync(A, CancellationToken.None);
            }
        }
    }

    [LabFact]
    public async Task Up_of_a_lab_that_is_up_is_refused_with_the_way_out()
    {
        var error = await Assert.ThrowsAsync<LabException>(() => Lab.UpAsync(new LabSpec(SharedLab.Name), installMissing: false, CancellationToken.None));
        Assert.Contains("is up already", error.Message, StringComparison.Ordinal);
        Assert.Contains("converge lab down --name " + SharedLab.Name, error.Message, StringComparison.Ordinal);
    }

    [LabFact]
    public async Task I_can_see_the_status_and_run_a_command_through_the_cli()
    {
        var status = await ConvergeProcess.RunAsync("lab", "status", "--name", SharedLab.Name);
        Assert.Equal(0, status.ExitCode);
        Assert.Contains("node3", status.Stdout, StringComparison.Ordinal);

        var ssh = await ConvergeProcess.RunAsync("lab", "ssh", "node2", "--name", SharedLab.Name, "--", "cat", "/etc/hostname");
        Assert.Equal(0, ssh.ExitCode);
        Assert.Equal("node2", ssh.Stdout.Trim());

        var console = await ConvergeProcess.RunAsync("lab", "console", "node1", "--name", SharedLab.Name, "--", "hostname");
        Assert.Equal("node1", console.Stdout.Trim());

        var missing = await ConvergeProcess.RunAsync("lab", "status", "--name", "no-such-lab");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("there is no lab named 'no-such-lab'", missing.Stderr, StringComparison.Ordinal);
    }

    [LabFact]
    public async Task I_can_apply_a_playbook_to_the_lab_with_its_inventory_and_host_keys()
    {
        var playbook = Path.Combine(Path.GetTempPath(), $"converge-lab-{Guid.NewGuid():N}.yml");
        await File.WriteAllTextAsync(playbook, """
            - name: Lab smoke
              hosts: mesh
              tasks:
                - name: A file per host
                  copy:
                    dest: /etc/converge-lab-smoke
                    content: "hello {{ inventory_hostname }}\n"
            """);
        try
        {
            // No --known-hosts: the inventory's converge_known_hosts names the lab's file.
            string[] args = ["apply", playbook, "-i", Lab.InventoryFile(SharedLab.Name)];
            var first = await ConvergeProcess.RunAsync(args);
            var second = await ConvergeProcess.RunAsync(args);

            Assert.True(first.ExitCode == 0, first.Stdout + first.Stderr);
            Assert.Equal("hello node3", await Lab.SshOkAsync(SharedLab.Name, "node3", "cat /etc/converge-lab-smoke"));
            Assert.True(second.ExitCode == 0, second.Stdout + second.Stderr);
            Assert.Contains("node3", second.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(playbook);
            foreach (var host in shared.State!.Hosts)
            {
                await Lab.SshOkAsync(SharedLab.Name, host.Name, "rm -f /etc/converge-lab-smoke");
            }
        }
    }

    [LabFact]
    public async Task A_host_that_cannot_boot_is_powered_off_and_reported_with_its_log()
    {
        await Lab.UpAsync(new LabSpec(Broken, Hosts: 1), installMissing: false, CancellationToken.None);
        try
        {
            // Break the host's disk path: every boot now fails while mounting its root.
            var env = Path.Combine(Lab.StateDir(Broken), "hosts", "node1", "host.env");
            File.WriteAllLines(env, File.ReadAllLines(env).Select(l => l.StartsWith("UPPER_DIR=", StringComparison.Ordinal) ? "UPPER_DIR=/nonexistent" : l));
            var clock = Stopwatch.StartNew();

            var error = await Assert.ThrowsAsync<LabException>(() => Lab.RebootAsync(Broken, "node1", hard: true, CancellationToken.None));

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed.TotalSeconds:F0} s");
            Assert.Contains("did not come up", error.Message, StringComparison.Ordinal);
            Assert.Contains("overlay", error.Message, StringComparison.Ordinal);
            var status = (await Lab.StatusAsync(Broken, CancellationToken.None)).Single();
            Assert.Equal(("off", "failed"), (status.State, status.LastExit));
        }
        finally
        {
            await Lab.DownAsync(Broken, CancellationToken.None);
        }
    }

    [LabFact]
    public async Task A_lab_started_with_hangups_ignored_still_reboots_its_hosts()
    {
        // `nohup converge lab up` (or a CI runner that ignores SIGHUP): the ignored signal reached the hosts' init,
        // which cannot trap a signal ignored on entry, so `reboot` inside a host (SIGHUP to its PID 1) did nothing.
        var up = await CliWrap.Cli.Wrap("nohup")
            .WithArguments([.. ConvergeProcess.Command, "lab", "up", "--name", Nohup, "--hosts", "1"])
            .WithValidation(CliWrap.CommandResultValidation.None)
            .ExecuteAsync();
        try
        {
            Assert.Equal(0, up.ExitCode);
            var before = (await Lab.StatusAsync(Nohup, CancellationToken.None)).Single().BootId;

            var after = await Lab.RebootAsync(Nohup, "node1", hard: false, CancellationToken.None);

            Assert.NotEqual(before, after);
        }
        finally
        {
            await Lab.DownAsync(Nohup, CancellationToken.None);
        }
    }

    [LabFact]
    public void Up_three_hosts_takes_seconds_not_minutes()
    {
        Debug.WriteLine($"lab up 3: {shared.UpTime.TotalSeconds:F1} s");
        Assert.True(shared.UpTime < TimeSpan.FromSeconds(30), $"lab up 3 took {shared.UpTime.TotalSeconds:F1} s");
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 100; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.True(await condition(), "condition not met within 10 s");
    }
}
