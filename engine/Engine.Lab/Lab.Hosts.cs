using System.Globalization;

namespace Converge.Lab;

public sealed partial class Lab
{
    /// <summary>Each host's state, address, boot id and whether its sshd answers.</summary>
    public async Task<IReadOnlyList<HostStatus>> StatusAsync(string name, CancellationToken ct)
    {
        var lab = Load(name);
        return await Task.WhenAll(lab.Hosts.Select(async host =>
        {
            var run = HostRunDir(name, host.Name);
            var supervisor = Machine.ReadPid(Path.Combine(run, "supervisor.pid"));
            var alive = supervisor is { } s && Machine.CommandLine(s).Contains("supervise.sh", StringComparison.Ordinal);
            var state = alive ? ReadText(Path.Combine(run, "state")) ?? "booting" : "down";
            var init = alive && state == "up" ? InitPid(run) : null;
            var ssh = init is not null && await SshProbe.IsAcceptingAsync(host.Address, TimeSpan.FromMilliseconds(500), ct);
            return new HostStatus(host.Name, host.Group, host.Address, state, init is null ? null : ReadText(Path.Combine(run, "boot_id")), init, ssh, ReadText(Path.Combine(run, "last_exit")));
        }));
    }

    /// <summary>
    /// Reboots a host: gracefully through its own <c>reboot</c> (services stop, PID 1 exits), or hard by
    /// killing its PID 1 (a reset). Waits until it is back with a new boot id and sshd answering.
    /// </summary>
    public async Task<string> RebootAsync(string name, string host, bool hard, CancellationToken ct)
    {
        var lab = Load(name);
        var target = lab.Host(host);
        var run = HostRunDir(name, host);
        var before = ReadText(Path.Combine(run, "boot_id"));
        await PowerCycleAsync(run, target, hard, ct);
        var deadline = DateTime.UtcNow + BootTimeout;
        while (ReadText(Path.Combine(run, "boot_id")) == before || ReadText(Path.Combine(run, "state")) != "up")
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new LabException($"{host} did not come back within {BootTimeout.TotalSeconds:F0} s; see {Path.Combine(run, "supervisor.log")}");
            }

            await Task.Delay(50, ct);
        }

        await WaitForBootAsync(name, target, ct);
        return ReadText(Path.Combine(run, "boot_id")) ?? "";
    }

    /// <summary>Powers a host off (graceful halt, or hard: pull the plug); it stays off until started.</summary>
    public async Task StopAsync(string name, string host, bool hard, CancellationToken ct)
    {
        var target = Load(name).Host(host);
        var run = HostRunDir(name, host);
        await File.WriteAllTextAsync(Path.Combine(run, "power"), "off\n", ct);
        await PowerCycleAsync(run, target, hard, ct);
        for (var i = 0; i < 400 && ReadText(Path.Combine(run, "state")) != "off"; i++)
        {
            await Task.Delay(50, ct);
        }
    }

    /// <summary>Powers a stopped host on and waits for its sshd.</summary>
    public async Task StartAsync(string name, string host, CancellationToken ct)
    {
        var target = Load(name).Host(host);
        var run = HostRunDir(name, host);
        File.Delete(Path.Combine(run, "last_exit"));
        await File.WriteAllTextAsync(Path.Combine(run, "power"), "on\n", ct);
        await WaitForBootAsync(name, target, ct);
    }

    private static async Task PowerCycleAsync(string run, LabHost host, bool hard, CancellationToken ct)
    {
        if (InitPid(run) is not { } init)
        {
            throw new LabException($"{host.Name} is not running (see `converge lab status`)");
        }

        if (hard)
        {
            await File.WriteAllTextAsync(Path.Combine(run, "reset"), "", ct);
            KillInit(run);
            return;
        }

        var power = ReadText(Path.Combine(run, "power")) == "off" ? "halt" : "reboot";
        await Machine.RunCheckedAsync("nsenter", ["-t", init.ToString(CultureInfo.InvariantCulture), "-a", "/sbin/" + power], ct);
    }

    /// <summary>The system ssh client's arguments for a host: the lab key, the lab's known_hosts, checking on.</summary>
    public IReadOnlyList<string> SshArguments(string name, string host, IReadOnlyList<string> command)
    {
        var target = Load(name).Host(host);
        return
        [
            "-i", PrivateKey(name), "-o", "IdentitiesOnly=yes", "-o", "UserKnownHostsFile=" + KnownHosts(name),
            "-o", "StrictHostKeyChecking=yes", "-o", "LogLevel=error", "root@" + target.Address, .. command,
        ];
    }

    /// <summary>nsenter's arguments to run a command (default: a login shell) inside a host, no network needed.</summary>
    public IReadOnlyList<string> ConsoleArguments(string name, string host, IReadOnlyList<string> command)
    {
        Load(name).Host(host);
        var init = InitPid(HostRunDir(name, host)) ?? throw new LabException($"{host} is not running (see `converge lab status --name {name}`)");
        IReadOnlyList<string> run = command.Count > 0 ? command : ["/bin/bash", "-l"];
        return ["-t", init.ToString(CultureInfo.InvariantCulture), "-a", "/usr/bin/env", "-i", "TERM=" + (Environment.GetEnvironmentVariable("TERM") ?? "linux"),
            "HOME=/root", "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", .. run];
    }

    private static int? InitPid(string runDir)
    {
        var unshare = Machine.ReadPid(Path.Combine(runDir, "unshare.pid"));
        var init = Machine.ReadPid(Path.Combine(runDir, "init.pid"));
        return init is { } i && unshare is { } u && ParentOf(i) == u && Machine.CommandLine(u).Contains("boot.sh", StringComparison.Ordinal) ? i : null;
    }

    private static string? ReadText(string file) =>
        File.Exists(file) ? File.ReadAllText(file).Trim() : null;

    private bool IsRunning(LabState lab) =>
        lab.Hosts.Any(h => Machine.ReadPid(Path.Combine(HostRunDir(lab.Name, h.Name), "supervisor.pid")) is { } pid
            && Machine.CommandLine(pid).Contains("supervise.sh", StringComparison.Ordinal));
}
