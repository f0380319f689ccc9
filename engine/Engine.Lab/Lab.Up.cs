using System.Diagnostics;
using System.Globalization;

namespace Converge.Lab;

public sealed partial class Lab
{
    private static readonly TimeSpan BootTimeout = TimeSpan.FromSeconds(90);

    /// <summary>
    /// Brings a lab up: checks the machine, builds the image if needed, creates the switch, the hosts'
    /// disks and keys, starts one supervisor per host, waits until every sshd answers and writes the
    /// inventory. A failure part-way tears down what was created.
    /// </summary>
    public async Task<LabState> UpAsync(LabSpec spec, bool installMissing, CancellationToken ct)
    {
        spec.Validate();
        await LabPrerequisites.EnsureAsync(installMissing, log, ct);
        await new LabImage(paths, LabImageRecipe.Named(spec.Image, DebianMirror.Find())).EnsureAsync(log, ct);

        var clock = Stopwatch.StartNew();
        LabState lab;
        using (await LabLock.AcquireAsync(Path.Combine(paths.Run, ".lock"), TimeSpan.FromMinutes(2), ct))
        {
            if (Exists(spec.Name))
            {
                if (IsRunning(Load(spec.Name)))
                {
                    throw new LabException($"lab {spec.Name} is up already: see `converge lab status --name {spec.Name}`, or `converge lab down --name {spec.Name}` first");
                }

                // Left over from a machine reboot or a killed run: nothing of it runs, clear it.
                await DownAsync(spec.Name, ct);
            }

            var subnet = LabSubnetChooser.Choose(spec.Name, TakenSubnets(), await MachinePrefixesAsync(ct));
            var network = new LabNetwork(spec.Name, subnet);
            lab = new LabState(spec.Name, subnet, network.Hosts(spec), DateTimeOffset.UtcNow, Environment.ProcessId);
            Directory.CreateDirectory(StateDir(spec.Name));
            lab.Save(StateFile(spec.Name));
            try
            {
                await CreateSwitchAsync(network, ct);
            }
            catch
            {
                await DownAsync(spec.Name, ct);
                throw;
            }
        }

        try
        {
            await CreateHostsAsync(lab, spec.Image, ct);
            await Task.WhenAll(lab.Hosts.Select(h => WaitForBootAsync(lab.Name, h, ct)));
        }
        catch
        {
            await DownAsync(spec.Name, CancellationToken.None);
            throw;
        }

        await File.WriteAllTextAsync(InventoryFile(lab.Name), LabInventory.Render(lab, PrivateKey(lab.Name), KnownHosts(lab.Name)), ct);
        log(string.Create(CultureInfo.InvariantCulture, $"lab {lab.Name} up: {lab.Hosts.Count} hosts on {lab.Network.Subnet} in {clock.Elapsed.TotalSeconds:F1} s"));
        return lab;
    }

    /// <summary>Waits for a host's sshd; a host whose supervisor gave up fails at once, with its log.</summary>
    private async Task WaitForBootAsync(string name, LabHost host, CancellationToken ct)
    {
        var run = HostRunDir(name, host.Name);
        var deadline = DateTime.UtcNow + BootTimeout;
        while (!await SshProbe.IsAcceptingAsync(host.Address, TimeSpan.FromMilliseconds(500), ct))
        {
            if (ReadText(Path.Combine(run, "last_exit")) == "failed" || DateTime.UtcNow > deadline)
            {
                var logFile = Path.Combine(run, "supervisor.log");
                var tail = File.Exists(logFile) ? string.Join('\n', File.ReadLines(logFile).TakeLast(12)) : "(no log)";
                throw new LabException($"host {host.Name} ({host.Address}) did not come up; the end of {logFile}:\n{tail}");
            }

            await Task.Delay(50, ct);
        }
    }

    private HashSet<int> TakenSubnets() =>
        Names().Select(n => LabState.Load(StateFile(n)).SubnetIndex).ToHashSet();

    /// <summary>Every IPv4 route prefix and address the machine has, so a lab never shadows one.</summary>
    private static async Task<List<string>> MachinePrefixesAsync(CancellationToken ct)
    {
        var prefixes = new List<string>();
        var routes = await Machine.RunCheckedAsync("ip", ["-4", "-o", "route", "show", "table", "all"], ct);
        foreach (var line in routes.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            // Typed routes (local, broadcast, unreachable...) put the prefix second.
            var prefix = words[0] is "local" or "broadcast" or "unreachable" or "blackhole" or "prohibit" or "throw" or "unicast" or "multicast" or "anycast" ? words[1] : words[0];
            prefixes.Add(prefix == "default" ? "0.0.0.0/0" : prefix);
        }

        var addresses = await Machine.RunCheckedAsync("ip", ["-4", "-o", "addr", "show"], ct);
        foreach (var line in addresses.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var at = Array.IndexOf(words, "inet");
            if (at >= 0 && at + 1 < words.Length)
            {
                prefixes.Add(words[at + 1].Split('/')[0]);
            }
        }

        return prefixes;
    }

    /// <summary>
    /// The switch: a namespace with a Linux bridge, and the controller's veth into it. On the machine
    /// this adds one interface and its connected route, nothing else.
    /// </summary>
    private async Task CreateSwitchAsync(LabNetwork network, CancellationToken ct)
    {
        var sw = network.SwitchNamespace;
        MarkRunNetnsIfWeCreateIt();
        await Machine.RunCheckedAsync("ip", ["netns", "add", sw], ct);
        await Machine.RunCheckedAsync("ip", ["-n", sw, "link", "set", "lo", "up"], ct);
        await Machine.RunCheckedAsync("ip", ["-n", sw, "link", "add", "br0", "type", "bridge"], ct);
        await Machine.RunCheckedAsync("ip", ["-n", sw, "link", "set", "br0", "up"], ct);
        await Machine.RunCheckedAsync("ip", ["link", "add", network.ControllerInterface, "type", "veth", "peer", "name", "ctl", "netns", sw], ct);
        await Machine.RunCheckedAsync("ip", ["addr", "add", network.ControllerAddress + "/24", "dev", network.ControllerInterface], ct);
        await Machine.RunCheckedAsync("ip", ["link", "set", network.ControllerInterface, "up"], ct);
        await Machine.RunCheckedAsync("ip", ["-n", sw, "link", "set", "ctl", "master", "br0", "up"], ct);
    }

    // `ip netns add` makes /run/netns a mount point the first time; down removes it again only if a
    // lab made it, and only once no namespace is left in it.
    private void MarkRunNetnsIfWeCreateIt()
    {
        if (!MountPoints().Contains("/run/netns"))
        {
            Directory.CreateDirectory(paths.Run);
            File.WriteAllText(Path.Combine(paths.Run, ".run-netns-created"), "");
        }
    }

    internal static HashSet<string> MountPoints() =>
        File.ReadLines("/proc/self/mountinfo").Select(l => l.Split(' ')[4]).ToHashSet(StringComparer.Ordinal);

    private async Task CreateHostsAsync(LabState lab, string image, CancellationToken ct)
    {
        var stateDir = StateDir(lab.Name);
        LabScripts.Extract(stateDir);
        if (!File.Exists(PrivateKey(lab.Name)))
        {
            await Machine.RunCheckedAsync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", $"converge-lab-{lab.Name}", "-f", PrivateKey(lab.Name)], ct);
        }

        // The lab pins the image it started with (a hard link): a rebuild renames a new file into the
        // cache, and a rebooting host must find the same lower layer under its disk.
        var pinned = Path.Combine(stateDir, "image.ext4");
        if (!File.Exists(pinned) && !(await Machine.RunAsync("ln", [paths.ImageFileOf(image), pinned], ct)).Succeeded)
        {
            File.Copy(paths.ImageFileOf(image), pinned);
        }

        var labKey = await File.ReadAllTextAsync(PrivateKey(lab.Name) + ".pub", ct);
        var knownHosts = new List<string>();
        foreach (var host in lab.Hosts)
        {
            var hostKey = await LabHostDisk.PrepareAsync(HostStateDir(lab.Name, host.Name), host, lab, labKey, ct);
            knownHosts.Add(LabInventory.KnownHostsLine(host, hostKey));
        }

        await File.WriteAllLinesAsync(KnownHosts(lab.Name), knownHosts, ct);
        foreach (var host in lab.Hosts)
        {
            await StartSupervisorAsync(lab, host, ct);
        }
    }

    private async Task StartSupervisorAsync(LabState lab, LabHost host, CancellationToken ct)
    {
        var runDir = HostRunDir(lab.Name, host.Name);
        Directory.CreateDirectory(runDir);
        var disk = HostStateDir(lab.Name, host.Name);
        var envFile = Path.Combine(disk, "host.env");
        var env = new Dictionary<string, string>
        {
            ["HOST_NAME"] = host.Name,
            ["SWITCH_NS"] = lab.Network.SwitchNamespace,
            ["HOST_NS"] = lab.Network.HostNamespace(host.Name),
            ["PORT"] = host.Port,
            ["MAC"] = host.Mac,
            ["IMAGE_FILE"] = Path.Combine(StateDir(lab.Name), "image.ext4"),
            ["IMAGE_LOCK"] = Path.Combine(paths.Cache, "loop.lock"),
            ["UPPER_DIR"] = Path.Combine(disk, "upper"),
            ["WORK_DIR"] = Path.Combine(disk, "work"),
            ["GUEST_DIR"] = Path.Combine(StateDir(lab.Name), "guest"),
            ["BIN_DIR"] = Path.Combine(StateDir(lab.Name), "bin"),
            ["RUN_DIR"] = runDir,
        };
        await File.WriteAllLinesAsync(envFile, env.Select(kv => $"{kv.Key}={Core.Connections.ShellQuote.Quote(kv.Value)}"), ct);
        await File.WriteAllTextAsync(Path.Combine(runDir, "power"), "on\n", ct);
        // setsid -f: the supervisor leaves our session and process group, so it outlives `lab up`.
        await Machine.RunCheckedAsync("setsid", ["-f", Path.Combine(StateDir(lab.Name), "bin", "supervise.sh"), envFile], ct,
            new Dictionary<string, string?> { ["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" });
        var pidFile = Path.Combine(runDir, "supervisor.pid");
        for (var i = 0; i < 200 && Machine.ReadPid(pidFile) is null; i++)
        {
            await Task.Delay(10, ct);
        }

        if (Machine.ReadPid(pidFile) is null)
        {
            throw new LabException($"the supervisor of {host.Name} did not start; see {Path.Combine(runDir, "supervisor.log")}");
        }
    }
}
