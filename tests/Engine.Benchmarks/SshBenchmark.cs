using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Converge.TestKit;
using Converge.TestKit.Sshd;

namespace Converge.Benchmarks;

/// <summary>
/// Starts the loopback sshd with as many addresses as the largest N, then for each N writes a fresh
/// workspace (<see cref="SshWorkspace"/>: 6 tasks per host) and runs <c>converge</c> four times: the first
/// apply (everything changes), a no-op rerun, check mode, and a one-task <c>ping</c> playbook (the floor under
/// all three), after one uncounted ping-only run on the first N's hosts (cold start-up costs). It prints wall seconds, milliseconds per host-task, the controller's CPU seconds, its peak resident
/// memory (VmHWM of the converge process), the CPU the "hosts" spent (sshd, shells and probes: every sshd's reaped children), and the load average before the run.
/// </summary>
public static class SshBenchmark
{
    public static async Task<int> RunAsync(BenchmarkOptions options, TextWriter output)
    {
        if (SshdRequirements.MissingReason is { } reason)
        {
            await output.WriteLineAsync("benchmark: " + reason);
            return 1;
        }

        var converge = options.Converge is { } given ? Entry(given) : await PublishAsync(output);
        if (converge is null)
        {
            return 1;
        }

        await using var server = await SshServer.StartAsync(options.HostCounts.Max());
        using var meter = HostsCpuMeter.Start(server);
        await using var users = options.LoginAsRoot ? null : await SshTestUsers.CreateAsync();
        var login = users?.NoPasswordUser ?? "root";
        await output.WriteLineAsync($"converge: {converge}");
        await output.WriteLineAsync($"sshd on {server.Addresses[0]}-{server.Addresses[^1]}:{server.Port}; {Environment.ProcessorCount} cores; process spawn {ProcessSpawn.Milliseconds():0.0} ms; {SshWorkspace.TasksPerHost} tasks per host; hosts' CPU from {meter.Method}; login as {(users is null ? "root (this machine's ~root/.bashrc)" : login + " (Debian's default shell start-up files)")}");
        var failed = false;

        // One run before the table, not counted: the fresh user's first logins and each sshd process's first sessions
        // cost more than any later ones, and would all land on the first row (measured: a 50-host first apply took
        // 2.84 s cold against 2.18-2.39 s after any earlier run).
        using (var warm = await CreateWorkspaceAsync(server, options.HostCounts[0], users is null ? null : login))
        {
            var (exit, wall, _, _, log) = await MeasureAsync(converge, PingArguments(warm, server));
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"warm-up, not counted: ping only on {options.HostCounts[0]} hosts, exit {exit}, {wall.TotalSeconds:0.00} s"));
            if (exit is not 0)
            {
                failed = true;
                await output.WriteLineAsync(log);
            }
        }

        await output.WriteLineAsync("hosts  run          exit  wall s  ms/host-task  cpu s  peak MB  hosts cpu s  load  ctl ms/host  wall/cpu-bound");
        foreach (var hosts in options.HostCounts)
        {
            using var workspace = await CreateWorkspaceAsync(server, hosts, users is null ? null : login);
            foreach (var (name, arguments) in new[]
            {
                ("first apply", workspace.Arguments("apply", server)),
                ("no-op rerun", workspace.Arguments("apply", server, "--detailed-exitcode")),
                ("check", workspace.Arguments("check", server)),
                ("ping only", PingArguments(workspace, server)),
            })
            {
                await SettleBeforeTimedRunAsync();
                var load = LoadAverage();
                var ((exit, wall, cpu, peak, log), hostsCpu) = await meter.MeasureAsync(() => MeasureAsync(converge, arguments));
                var perTask = wall.TotalMilliseconds / (hosts * SshWorkspace.TasksPerHost);
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{hosts,5}  {name,-11}  {exit,4}  {wall.TotalSeconds,6:0.00}  {perTask,12:0.0}  {cpu.TotalSeconds,5:0.00}  {peak / 1024.0,7:0}  {hostsCpu.TotalSeconds,11:0.00}  {load,4:0.0}  {cpu.TotalMilliseconds / hosts,11:0.0}  {wall / ((cpu + hostsCpu) / Environment.ProcessorCount),14:0.00}"));
                if (exit is not 0)
                {
                    failed = true;
                    await output.WriteLineAsync(log);
                }
            }
        }

        return failed ? 1 : 0;
    }

    /// <summary>
    /// The floor under every run: a one-task playbook (<c>ping</c>, one probe on the host) on the same hosts, so its
    /// per-host CPU is what connecting, logging in, the remote shell and the run's own start-up cost, without the
    /// six tasks' requests and logic.
    /// </summary>
    private static string[] PingArguments(SshWorkspace workspace, SshServer server)
    {
        var playbook = Path.Combine(workspace.Directory, "ping.yml");
        File.WriteAllText(playbook, "- hosts: all\n  gather_facts: false\n  tasks:\n    - ping:\n");
        return ["apply", playbook, "-i", Path.Combine(workspace.Directory, "inventory"), "--known-hosts", server.KnownHostsFile];
    }

    /// <summary>
    /// Starts sshd and a workspace of <paramref name="hosts"/> hosts, converges it once, prints the converge
    /// command line of a no-op rerun, and keeps everything up until a line is read from standard input, so
    /// one run can be profiled by hand (strace, perf, DOTNET_ variables).
    /// </summary>
    public static async Task<int> ServeAsync(int hosts, BenchmarkOptions options, TextWriter output)
    {
        if (SshdRequirements.MissingReason is { } reason)
        {
            await output.WriteLineAsync("benchmark: " + reason);
            return 1;
        }

        var converge = options.Converge is { } given ? Entry(given) : ConvergeProcess.EntryPoint;
        await using var server = await SshServer.StartAsync(hosts);
        await using var users = options.LoginAsRoot ? null : await SshTestUsers.CreateAsync();
        using var workspace = await CreateWorkspaceAsync(server, hosts, users?.NoPasswordUser);
        var (exit, wall, _, _, log) = await MeasureAsync(converge, workspace.Arguments("apply", server));
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"first apply: exit {exit} in {wall.TotalSeconds:0.00} s"));
        if (exit is not 0)
        {
            await output.WriteLineAsync(log);
        }

        await output.WriteLineAsync($"sshd pids: {string.Join(' ', server.ProcessIds)}; log {server.LogFile}");
        await output.WriteLineAsync("no-op rerun: " + converge + " " + string.Join(' ', workspace.Arguments("apply", server, "--detailed-exitcode")));
        await output.WriteLineAsync("press Enter to stop");
        await Console.In.ReadLineAsync();
        return 0;
    }

    private static async Task<SshWorkspace> CreateWorkspaceAsync(SshServer server, int hosts, string? user)
    {
        if (user is null)
        {
            return SshWorkspace.Create(server, hosts);
        }

        var asUser = new Dictionary<string, object> { ["ansible_user"] = user };
        var workspace = SshWorkspace.Create(server, hosts, Enumerable.Range(0, hosts).ToDictionary(i => i, _ => (IReadOnlyDictionary<string, object>)asUser));
        await workspace.GiveToAsync(user);
        return workspace;
    }

    /// <summary>Publishes converge as the README installs it (the native build for this machine's runtime); returns its entry point.</summary>
    internal static async Task<string?> PublishAsync(TextWriter output)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "converge-published");
        var rid = "linux-" + RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant();
        var project = Path.Combine(RepositoryPaths.Root, "engine", "Engine.Cli", "Engine.Cli.csproj");
        await output.WriteLineAsync($"publishing converge: dotnet publish {project} -c Release -r {rid} -p:NativeAot=true -o {folder}");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "publish", project, "-c", "Release", "-r", rid, "-p:NativeAot=true", "-o", folder, "-nologo", "-v", "quiet" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            await output.WriteLineAsync("benchmark: publishing converge failed:\n" + await stdout + await stderr);
            return null;
        }

        return Path.Combine(folder, "converge");
    }

    /// <summary>
    /// Flushes the file systems and waits for a quiet machine before a timed run, so the run's own fsyncs (every write, the handler journal) do not
    /// also wait for what the benchmark wrote setting it up: the workspace, a thousand host folders and their chown,
    /// the previous run's host folders emptied. Measured: a 50-host first apply right after set-up took 2.33 s (wall
    /// 1.35 times the CPU bound), the same run again 2.01 s (1.16).
    /// </summary>
    internal static async Task SettleBeforeTimedRunAsync()
    {
        using var sync = Process.Start("sync")!;
        await sync.WaitForExitAsync();
        await WaitForQuietAsync();
    }

    /// <summary>
    /// Waits (at most 20 s) until the machine's CPU has been under 15% busy for a quarter of a second, so a timed run
    /// does not share the cores with what started the benchmark: right after <c>dotnet run</c> launches it, the SDK's
    /// build servers keep working for seconds (measured: a `dotnet` process took 0.9 s of CPU during the first 50-host
    /// first apply, whose wall then read 1.45 times the bound instead of 1.13).
    /// </summary>
    private static async Task WaitForQuietAsync()
    {
        var deadline = Stopwatch.StartNew();
        var (busy, total) = CpuTicks();
        while (deadline.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(250);
            var (nowBusy, nowTotal) = CpuTicks();
            var quiet = nowTotal > total && (nowBusy - busy) * 100 < (nowTotal - total) * 15;
            (busy, total) = (nowBusy, nowTotal);
            if (quiet)
            {
                return;
            }
        }
    }

    /// <summary>The machine's busy and total CPU ticks since boot (/proc/stat; busy leaves out idle and I/O wait).</summary>
    private static (long Busy, long Total) CpuTicks()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var total = fields.Take(8).Sum();
        return (total - fields[3] - fields[4], total);
    }

    /// <summary>The entry point of a converge given as a folder, an apphost or a converge.dll.</summary>
    internal static string Entry(string path) => Directory.Exists(path) ? Path.Combine(path, "converge") : Path.GetFullPath(path);

    /// <summary>Runs converge as a child process, sampling its peak resident memory until it exits; also its CPU time.</summary>
    private static async Task<(int Exit, TimeSpan Wall, TimeSpan Cpu, long PeakKilobytes, string Log)> MeasureAsync(string converge, string[] arguments)
    {
        var viaDotnet = converge.EndsWith(".dll", StringComparison.Ordinal);
        var start = new ProcessStartInfo(viaDotnet ? "dotnet" : converge) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (viaDotnet)
        {
            start.ArgumentList.Add(converge);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var cpuBefore = ChildUsage.CpuTime();
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        long peak = 0;
        while (!process.HasExited)
        {
            peak = Math.Max(peak, PeakResidentKilobytes(process.Id));
            await Task.Delay(20);
        }

        await process.WaitForExitAsync();
        clock.Stop();
        return (process.ExitCode, clock.Elapsed, ChildUsage.CpuTime() - cpuBefore, peak, await stdout + await stderr);
    }

    private static long PeakResidentKilobytes(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    internal static double LoadAverage() =>
        double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
}
