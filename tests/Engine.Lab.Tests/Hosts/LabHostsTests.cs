namespace Converge.Lab.Tests.Hosts;

[Collection(LabCollection.Name)]
public sealed class LabHostsTests(SharedLab shared)
{
    private static string Name => SharedLab.Name;

    private Lab Lab => shared.Lab;

    [LabFact]
    public async Task Every_host_answers_ssh_with_host_key_checking_on()
    {
        foreach (var host in shared.State!.Hosts)
        {
            Assert.Equal(host.Name, await Lab.SshOkAsync(Name, host.Name, "hostname"));
        }

        // The keys in the lab's known_hosts are what makes this pass: with an empty one, ssh refuses.
        var empty = Path.GetTempFileName();
        try
        {
            var args = Lab.SshArguments(Name, "node1", ["true"]).Select(a => a.StartsWith("UserKnownHostsFile=", StringComparison.Ordinal) ? "UserKnownHostsFile=" + empty : a).ToList();
            var refused = await Machine.RunAsync("ssh", ["-o", "BatchMode=yes", .. args], CancellationToken.None);
            Assert.False(refused.Succeeded);
            Assert.Contains("Host key verification failed", refused.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(empty);
        }
    }

    [LabFact]
    public async Task A_file_written_on_one_host_is_absent_on_another()
    {
        await Lab.SshOkAsync(Name, "node1", "echo node1-only > /etc/converge-isolation-test");
        Assert.Equal("node1-only", await Lab.SshOkAsync(Name, "node1", "cat /etc/converge-isolation-test"));
        Assert.Equal("absent", await Lab.SshOkAsync(Name, "node2", "test -e /etc/converge-isolation-test && echo present || echo absent"));
        await Lab.SshOkAsync(Name, "node1", "rm /etc/converge-isolation-test");
    }

    [LabFact]
    public async Task A_package_installed_on_one_host_is_absent_on_another()
    {
        const string build =
            "set -e; rm -rf /tmp/pkg; mkdir -p /tmp/pkg/DEBIAN /tmp/pkg/usr/share/converge-tiny; echo hello > /tmp/pkg/usr/share/converge-tiny/hello; " +
            "printf 'Package: converge-tiny\\nVersion: 1.0\\nArchitecture: all\\nMaintainer: lab <lab@example.org>\\nDescription: tiny test package\\n' > /tmp/pkg/DEBIAN/control; " +
            "dpkg-deb --build /tmp/pkg /tmp/converge-tiny.deb >/dev/null; dpkg -i /tmp/converge-tiny.deb >/dev/null; dpkg-query -W -f='${Status}' converge-tiny";
        Assert.Equal("install ok installed", await Lab.SshOkAsync(Name, "node1", build));
        Assert.Equal("absent", await Lab.SshOkAsync(Name, "node2", "dpkg-query -W converge-tiny >/dev/null 2>&1 && echo present || echo absent"));
        await Lab.SshOkAsync(Name, "node1", "dpkg --purge converge-tiny >/dev/null");
    }

    [LabFact]
    public async Task A_host_sees_only_its_own_processes_and_hostname()
    {
        var processes = (await Lab.ConsoleOkAsync(Name, "node2", "ps", "-e", "-o", "pid=,comm=")).Split('\n');
        Assert.Contains(processes, p => p.Trim() == "1 init" || p.Trim().StartsWith("1 ", StringComparison.Ordinal));
        Assert.Contains(processes, p => p.Contains("sshd", StringComparison.Ordinal));
        Assert.DoesNotContain(processes, p => p.Contains("dotnet", StringComparison.Ordinal) || p.Contains("supervise", StringComparison.Ordinal));
        Assert.True(processes.Length < 10, "a fresh host runs a handful of processes, not the machine's: " + string.Join(", ", processes));
        Assert.Equal("node2", await Lab.ConsoleOkAsync(Name, "node2", "hostname"));
    }

    [LabFact]
    public async Task Reboot_gives_a_new_boot_id_and_keeps_the_disk()
    {
        await Lab.SshOkAsync(Name, "node3", "echo kept > /root/disk-test; echo gone > /run/run-test");
        var before = await Lab.SshOkAsync(Name, "node3", "cat /proc/sys/kernel/random/boot_id");

        // The in-host reboot over SSH, as a playbook's reboot module issues it: the command returns first.
        await Lab.SshOkAsync(Name, "node3", "reboot");
        var status = await WaitForNewBootAsync("node3", before);

        var after = await Lab.SshOkAsync(Name, "node3", "cat /proc/sys/kernel/random/boot_id");
        Assert.NotEqual(before, after);
        Assert.Equal(status.BootId, after);
        Assert.Equal("reboot", status.LastExit);
        Assert.Equal("kept", await Lab.SshOkAsync(Name, "node3", "cat /root/disk-test"));
        Assert.Equal("absent", await Lab.SshOkAsync(Name, "node3", "test -e /run/run-test && echo present || echo absent"));
    }

    [LabFact]
    public async Task Hard_reboot_gives_a_new_boot_id_and_keeps_the_disk()
    {
        await Lab.SshOkAsync(Name, "node2", "echo kept > /root/hard-test && sync");
        var before = await Lab.SshOkAsync(Name, "node2", "cat /proc/sys/kernel/random/boot_id");

        var after = await Lab.RebootAsync(Name, "node2", hard: true, CancellationToken.None);

        Assert.NotEqual(before, after);
        Assert.Equal(after, await Lab.SshOkAsync(Name, "node2", "cat /proc/sys/kernel/random/boot_id"));
        Assert.Equal("kept", await Lab.SshOkAsync(Name, "node2", "cat /root/hard-test"));
        Assert.Equal("reset", (await Lab.StatusAsync(Name, CancellationToken.None)).Single(h => h.Name == "node2").LastExit);
    }

    [LabFact]
    public async Task A_stopped_host_is_unreachable_until_started()
    {
        await Lab.StopAsync(Name, "node1", hard: true, CancellationToken.None);
        var stopped = (await Lab.StatusAsync(Name, CancellationToken.None)).Single(h => h.Name == "node1");
        Assert.Equal("off", stopped.State);
        Assert.False(await SshProbe.IsAcceptingAsync(stopped.Address, TimeSpan.FromSeconds(1), CancellationToken.None));

        await Lab.StartAsync(Name, "node1", CancellationToken.None);
        Assert.Equal("node1", await Lab.SshOkAsync(Name, "node1", "hostname"));
    }

    private async Task<HostStatus> WaitForNewBootAsync(string host, string before)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var status = (await Lab.StatusAsync(Name, CancellationToken.None)).Single(h => h.Name == host);
            if (status.BootId is { } id && id != before && status.SshAccepting)
            {
                return status;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{host} did not come back with a new boot id");
    }
}
