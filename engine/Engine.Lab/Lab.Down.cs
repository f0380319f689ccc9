namespace Converge.Lab;

public sealed partial class Lab
{
    /// <summary>
    /// Tears a lab down and leaves nothing: the hosts' processes (each PID namespace dies with its
    /// init), their mounts (private to their mount namespaces), the supervisors, the namespaces and
    /// interfaces, the disks and the state. Only processes this lab recorded are signalled.
    /// </summary>
    public async Task DownAsync(string name, CancellationToken ct)
    {
        LabState? lab = Exists(name) ? Load(name) : null;
        if (lab is null && !Directory.Exists(RunDir(name)) && !Directory.Exists(StateDir(name)))
        {
            throw new LabException($"there is no lab named '{name}'");
        }

        var hosts = lab?.Hosts.Select(h => h.Name).ToList()
            ?? (Directory.Exists(Path.Combine(RunDir(name), "hosts")) ? Directory.GetDirectories(Path.Combine(RunDir(name), "hosts")).Select(d => Path.GetFileName(d)).ToList() : []);
        foreach (var host in hosts)
        {
            var run = HostRunDir(name, host);
            if (Directory.Exists(run))
            {
                await File.WriteAllTextAsync(Path.Combine(run, "destroy"), "", ct);
                KillInit(run);
            }
        }

        foreach (var host in hosts)
        {
            await StopSupervisorAsync(HostRunDir(name, host), ct);
        }

        var network = new LabNetwork(name, lab?.SubnetIndex ?? 0);
        foreach (var host in hosts)
        {
            await Machine.RunAsync("ip", ["netns", "del", network.HostNamespace(host)], ct);
        }

        if (lab is not null)
        {
            await Machine.RunAsync("ip", ["link", "del", network.ControllerInterface], ct);
        }

        await Machine.RunAsync("ip", ["netns", "del", network.SwitchNamespace], ct);
        if (lab is not null)
        {
            // A namespace's interfaces go away asynchronously after its last reference (cleanup_net).
            for (var i = 0; i < 100 && Directory.Exists("/sys/class/net/" + network.ControllerInterface); i++)
            {
                await Task.Delay(50, ct);
            }
        }

        DeleteIfExists(RunDir(name));
        DeleteIfExists(StateDir(name));
        await RemoveRunNetnsIfOursAsync();
        log($"lab {name} down");
    }

    private static void DeleteIfExists(string dir)
    {
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Kills a host's PID 1 (the kernel then kills every process of its PID namespace).</summary>
    private static bool KillInit(string runDir)
    {
        var unshare = Machine.ReadPid(Path.Combine(runDir, "unshare.pid"));
        var init = Machine.ReadPid(Path.Combine(runDir, "init.pid"));
        // Pids are recorded by the supervisor; check they still name our processes before signalling.
        if (unshare is { } u && Machine.CommandLine(u).Contains("boot.sh", StringComparison.Ordinal))
        {
            if (init is { } i && ParentOf(i) == u)
            {
                Kill(i);
                return true;
            }
        }

        return false;
    }

    private static async Task StopSupervisorAsync(string runDir, CancellationToken ct)
    {
        if (!Directory.Exists(runDir))
        {
            return;
        }

        var supervisor = Machine.ReadPid(Path.Combine(runDir, "supervisor.pid"));
        if (supervisor is not { } pid || !Machine.CommandLine(pid).Contains("supervise.sh", StringComparison.Ordinal))
        {
            return;
        }

        for (var i = 0; i < 200 && Machine.IsRunning(pid); i++)
        {
            await Task.Delay(25, ct);
            if (i % 40 == 39)
            {
                KillInit(runDir);
            }
        }

        if (Machine.IsRunning(pid) && Machine.CommandLine(pid).Contains("supervise.sh", StringComparison.Ordinal))
        {
            Kill(pid);
            if (Machine.ReadPid(Path.Combine(runDir, "unshare.pid")) is { } unshare && Machine.CommandLine(unshare).Contains("boot.sh", StringComparison.Ordinal))
            {
                Kill(unshare);
            }
        }
    }

    private async Task RemoveRunNetnsIfOursAsync()
    {
        var marker = Path.Combine(paths.Run, ".run-netns-created");
        if (!File.Exists(marker) || Directory.Exists("/run/netns") && Directory.EnumerateFileSystemEntries("/run/netns").Any())
        {
            return;
        }

        // Not lazy: if anyone mounted a namespace there meanwhile, the unmount fails and it stays.
        if ((await Machine.RunAsync("umount", ["/run/netns"], CancellationToken.None)).Succeeded)
        {
            File.Delete(marker);
            Directory.Delete("/run/netns");
        }
    }

    internal static int? ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name may hold spaces and parentheses: the fields after it follow the last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>SIGKILL to one process (Process.Kill sends SIGKILL on Unix).</summary>
    internal static void Kill(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            process.Kill();
        }
        catch (ArgumentException)
        {
            // Already gone.
        }
        catch (InvalidOperationException)
        {
            // Exited meanwhile.
        }
    }
}
