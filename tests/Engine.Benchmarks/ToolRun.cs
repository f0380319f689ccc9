using System.Diagnostics;
using System.Globalization;

namespace Converge.Benchmarks;

/// <summary>
/// One run of a tool (converge or ansible-playbook) as a child process: exit code, wall time, CPU of it and of
/// every descendant it reaped (getrusage of children), and peak memory: the largest of the process's own peak
/// (VmHWM) and the summed resident memory of its process tree, sampled every 50 ms (Ansible forks a worker per
/// host; Converge is one process).
/// </summary>
public sealed record ToolRun(int Exit, TimeSpan Wall, TimeSpan Cpu, long PeakKilobytes, string Log)
{
    public static async Task<ToolRun> MeasureAsync(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var cpuBefore = ChildUsage.CpuTime();
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        long peak = 0;
        while (!process.HasExited)
        {
            peak = Math.Max(peak, Math.Max(OwnPeakKilobytes(process.Id), TreeResidentKilobytes(process.Id)));
            await Task.Delay(50);
        }

        await process.WaitForExitAsync();
        clock.Stop();
        return new ToolRun(process.ExitCode, clock.Elapsed, ChildUsage.CpuTime() - cpuBefore, peak, await stdout + await stderr);
    }

    private static long OwnPeakKilobytes(int pid)
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

    /// <summary>Resident memory of <paramref name="root"/> and all its descendants, from /proc/PID/stat (ppid, rss in pages).</summary>
    private static long TreeResidentKilobytes(int root)
    {
        var parents = new Dictionary<int, (int Parent, long Pages)>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                parents[pid] = (int.Parse(fields[1], CultureInfo.InvariantCulture), long.Parse(fields[21], CultureInfo.InvariantCulture));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended while the tree was read.
            }
        }

        long pages = 0;
        foreach (var (pid, (_, rss)) in parents)
        {
            for (var at = pid; at > 1 && parents.TryGetValue(at, out var entry); at = entry.Parent)
            {
                if (at == root)
                {
                    pages += rss;
                    break;
                }
            }
        }

        return pages * Environment.SystemPageSize / 1024;
    }
}
