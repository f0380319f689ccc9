using System.Globalization;
using Converge.TestKit.Sshd;

namespace Converge.Benchmarks;

/// <summary>
/// The CPU the "hosts" spend: everything the loopback sshd processes start, counted by a cgroup of their own
/// (v2 <c>cpu.stat</c> usage, or v1 <c>cpuacct.usage</c>) that every session, login shell, probe and leftover
/// process inherits. sshd's reaped-children times (/proc/PID/stat) miss work: a session whose client disconnects
/// ends without waiting for its shell, which init then reaps, so a shell's and its commands' CPU would never reach
/// sshd's account (measured: about a third of the hosts' real CPU). Without a writable cgroup hierarchy it falls
/// back to those reaped times and says so in <see cref="Method"/>.
/// </summary>
public sealed class HostsCpuMeter : IDisposable
{
    private readonly SshServer _server;
    private readonly string? _group;
    private readonly bool _v2;

    private HostsCpuMeter(SshServer server, string? group, bool v2)
    {
        _server = server;
        _group = group;
        _v2 = v2;
    }

    /// <summary>How the CPU is counted, printed beside the figures.</summary>
    public string Method => _group is null ? "sshd's reaped children only (no writable cgroup: undercounts)" : $"cgroup {_group}";

    public static HostsCpuMeter Start(SshServer server)
    {
        foreach (var (root, v2) in Hierarchies())
        {
            var group = Path.Combine(root, $"converge-benchmark-{Environment.ProcessId}");
            try
            {
                Directory.CreateDirectory(group);
                foreach (var pid in server.ProcessIds)
                {
                    File.WriteAllText(Path.Combine(group, "cgroup.procs"), pid.ToString(CultureInfo.InvariantCulture));
                }

                var meter = new HostsCpuMeter(server, group, v2);
                _ = meter.Read();
                return meter;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                TryRemove(group, root);
            }
        }

        return new HostsCpuMeter(server, null, false);
    }

    /// <summary>
    /// Runs <paramref name="run"/> and returns what the hosts spent meanwhile, once every session of it has ended
    /// (at most 5 s: its shells and leftover processes exit after the client disconnects).
    /// </summary>
    public async Task<(T Result, TimeSpan HostsCpu)> MeasureAsync<T>(Func<Task<T>> run)
    {
        var before = Read();
        var result = await run();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (DateTime.UtcNow < deadline && Busy())
        {
            await Task.Delay(20);
        }

        return (result, Read() - before);
    }

    /// <summary>CPU spent so far by everything in the group (or, without one, reaped by sshd).</summary>
    public TimeSpan Read()
    {
        if (_group is null)
        {
            return ReapedBySshd(_server);
        }

        if (_v2)
        {
            var usage = File.ReadLines(Path.Combine(_group, "cpu.stat")).First(l => l.StartsWith("usage_usec ", StringComparison.Ordinal));
            return TimeSpan.FromMicroseconds(long.Parse(usage["usage_usec ".Length..], CultureInfo.InvariantCulture));
        }

        var nanoseconds = long.Parse(File.ReadAllText(Path.Combine(_group, "cpuacct.usage")).Trim(), CultureInfo.InvariantCulture);
        return TimeSpan.FromTicks(nanoseconds / 100);
    }

    /// <summary>True while anything but the listening sshd processes runs (with a group), or sshd has children to reap.</summary>
    private bool Busy()
    {
        if (_group is not null)
        {
            var listeners = _server.ProcessIds.ToHashSet();
            return File.ReadAllLines(Path.Combine(_group, "cgroup.procs")).Any(p => !listeners.Contains(int.Parse(p, CultureInfo.InvariantCulture)));
        }

        // sshd is single-threaded: its main thread's children are all of them.
        return _server.ProcessIds.Any(pid => File.Exists($"/proc/{pid}/task/{pid}/children") && File.ReadAllText($"/proc/{pid}/task/{pid}/children").Trim().Length > 0);
    }

    public void Dispose()
    {
        if (_group is not null)
        {
            TryRemove(_group, Path.GetDirectoryName(_group)!);
        }
    }

    private static IEnumerable<(string Root, bool V2)> Hierarchies()
    {
        var mounts = File.Exists("/proc/mounts") ? File.ReadAllLines("/proc/mounts") : [];
        foreach (var fields in mounts.Select(l => l.Split(' ')).Where(f => f.Length > 3))
        {
            if (fields[2] == "cgroup2")
            {
                yield return (fields[1], true);
            }
            else if (fields[2] == "cgroup" && fields[3].Split(',').Contains("cpuacct"))
            {
                yield return (fields[1], false);
            }
        }
    }

    /// <summary>Moves what is left (a lock holder still exiting) to the parent group, then removes the group.</summary>
    private static void TryRemove(string group, string parent)
    {
        for (var attempt = 0; attempt < 20 && Directory.Exists(group); attempt++)
        {
            try
            {
                foreach (var pid in File.ReadAllLines(Path.Combine(group, "cgroup.procs")))
                {
                    File.WriteAllText(Path.Combine(parent, "cgroup.procs"), pid);
                }

                Directory.Delete(group);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Thread.Sleep(100);
            }
        }
    }

    /// <summary>sshd's own CPU and what it reaped (/proc/PID/stat fields 14-17).</summary>
    private static TimeSpan ReapedBySshd(SshServer server)
    {
        long ticks = 0;
        foreach (var pid in server.ProcessIds)
        {
            try
            {
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                ticks += Enumerable.Range(11, 4).Sum(i => long.Parse(fields[i], CultureInfo.InvariantCulture));
            }
            catch (IOException)
            {
                // An sshd that exited has nothing more to count.
            }
        }

        return TimeSpan.FromSeconds(ticks / 100.0);
    }
}
