namespace Converge.Lab.Tests.Hosts;

/// <summary>What the machine has that a lab could leave behind: namespaces, interfaces, mounts, loop devices, processes.</summary>
internal sealed record MachineSnapshot(
    IReadOnlySet<string> Namespaces, IReadOnlySet<string> Links, IReadOnlySet<string> Mounts, IReadOnlySet<string> LoopDevices, IReadOnlySet<string> LabProcesses)
{
    public static async Task<MachineSnapshot> TakeAsync()
    {
        var netns = (await Machine.RunCheckedAsync("ip", ["netns", "list"], CancellationToken.None))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[0]);
        var links = Directory.GetDirectories("/sys/class/net").Select(Path.GetFileName).OfType<string>();
        // Mount ids change on remount; the mount point and source identify a mount.
        var mounts = File.ReadLines("/proc/self/mountinfo").Select(l => l.Split(' ')).Select(f => f[4] + " " + f[^2]);
        var loops = (await Machine.RunCheckedAsync("losetup", ["-a"], CancellationToken.None)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var processes = Directory.GetDirectories("/proc").Select(Path.GetFileName).Where(p => p!.All(char.IsDigit))
            .Select(p => (Pid: p!, Line: Machine.CommandLine(int.Parse(p!, System.Globalization.CultureInfo.InvariantCulture))))
            .Where(p => p.Line.Contains("/converge/lab/", StringComparison.Ordinal) || p.Line.Contains("converge-lab", StringComparison.Ordinal))
            .Select(p => p.Pid + " " + p.Line);
        return new MachineSnapshot(netns.ToHashSet(), links.ToHashSet(), mounts.ToHashSet(), loops.ToHashSet(), processes.ToHashSet());
    }
}
