using System.Diagnostics;
using System.Globalization;
using Converge.TestKit;
using Converge.TestKit.Sshd;

namespace Converge.Benchmarks;

/// <summary>
/// Starts the loopback sshd with as many addresses as the largest N, then for each N writes a fresh
/// workspace (<see cref="SshWorkspace"/>: 6 tasks per host) and runs the real <c>converge</c> three times:
/// the first apply (everything changes), a no-op rerun, and check mode. It prints wall seconds, milliseconds
/// per host-task, the controller's CPU seconds, and its peak resident memory (VmHWM of the converge process).
/// </summary>
public static class SshBenchmark
{
    public static async Task<int> RunAsync(IReadOnlyList<int> hostCounts, TextWriter output)
    {
        if (SshdRequirements.MissingReason is { } reason)
        {
            await output.WriteLineAsync("benchmark: " + reason);
            return 1;
        }

        await using var server = await SshServer.StartAsync(hostCounts.Max());
        await output.WriteLineAsync($"sshd on 127.0.1.1-{hostCounts.Max()}:{server.Port}; {Environment.ProcessorCount} cores; {SshWorkspace.TasksPerHost} tasks per host");
        await output.WriteLineAsync("hosts  run          exit  wall s  ms/host-task  cpu s  peak MB");
        var failed = false;
        foreach (var hosts in hostCounts)
        {
            using var workspace = SshWorkspace.Create(server, hosts);
            foreach (var (name, arguments) in new[]
            {
                ("first apply", workspace.Arguments("apply", server)),
                ("no-op rerun", workspace.Arguments("apply", server, "--detailed-exitcode")),
                ("check", workspace.Arguments("check", server)),
            })
            {
                var (exit, wall, cpu, peak, log) = await MeasureAsync(arguments);
                var perTask = wall.TotalMilliseconds / (hosts * SshWorkspace.TasksPerHost);
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{hosts,5}  {name,-11}  {exit,4}  {wall.TotalSeconds,6:0.00}  {perTask,12:0.0}  {cpu.TotalSeconds,5:0.00}  {peak / 1024.0,7:0}"));
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
    /// Starts sshd and a workspace of <paramref name="hosts"/> hosts, converges it once, prints the converge
    /// command line of a no-op rerun, and keeps everything up until standard input closes or a line is read,
    /// so one run can be profiled by hand (strace, perf, DOTNET_ variables).
    /// </summary>
    public static async Task<int> ServeAsync(int hosts, TextWriter output)
    {
        if (SshdRequirements.MissingReason is { } reason)
        {
            await output.WriteLineAsync("benchmark: " + reason);
            return 1;
        }

        await using var server = await SshServer.StartAsync(hosts);
        using var workspace = SshWorkspace.Create(server, hosts);
        var (exit, wall, _, _, log) = await MeasureAsync(workspace.Arguments("apply", server));
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"first apply: exit {exit} in {wall.TotalSeconds:0.00} s"));
        if (exit is not 0)
        {
            await output.WriteLineAsync(log);
        }

        await output.WriteLineAsync($"sshd pids: {string.Join(' ', server.ProcessIds)}; log {server.LogFile}");
        await output.WriteLineAsync("no-op rerun: dotnet " + string.Join(' ', new[] { ConvergeProcess.EntryPoint }.Concat(workspace.Arguments("apply", server, "--detailed-exitcode"))));
        await output.WriteLineAsync("press Enter to stop");
        await Console.In.ReadLineAsync();
        return 0;
    }

    /// <summary>Runs converge as a child process, sampling its peak resident memory until it exits; also its CPU time.</summary>
    private static async Task<(int Exit, TimeSpan Wall, TimeSpan Cpu, long PeakKilobytes, string Log)> MeasureAsync(string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(ConvergeProcess.EntryPoint);
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
}
