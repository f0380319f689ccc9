using System.Text;

namespace Converge.Lab.Tests.Hosts;

/// <summary>
/// What a lab looks like when a test gave up on it: each host's control files, the tail of its supervisor's log
/// and of its PID 1's console, the lab's processes on the machine (with what each is blocked in) and the kernel's
/// last messages. A run that hangs (a host that never comes back from a reboot) then fails with the evidence
/// instead of a bare timeout whose lab is torn down a moment later.
/// </summary>
internal static class LabPostMortem
{
    private const int TailLines = 25;

    public static async Task<string> DescribeAsync(Lab lab, string name)
    {
        var text = new StringBuilder();
        var hosts = Path.Combine(lab.RunDir(name), "hosts");
        foreach (var run in (Directory.Exists(hosts) ? Directory.GetDirectories(hosts) : []).Order(StringComparer.Ordinal))
        {
            text.Append("=== ").Append(Path.GetFileName(run)).Append(": ");
            foreach (var file in new[] { "state", "power", "last_exit", "boot_id", "supervisor.pid", "unshare.pid", "init.pid" })
            {
                text.Append(file).Append('=').Append(Read(Path.Combine(run, file))?.Trim() ?? "-").Append(' ');
            }

            text.Append('\n');
            Tail(text, "supervisor.log", Path.Combine(run, "supervisor.log"));
            if (Machine.ReadPid(Path.Combine(run, "init.pid")) is { } init && Machine.IsRunning(init))
            {
                Tail(text, "console.log", $"/proc/{init}/root/run/converge-lab/console.log");
            }
        }

        var processes = await Machine.RunAsync("ps", ["-eo", "pid,ppid,stat,etimes,wchan:32,args"], CancellationToken.None);
        text.Append("=== the lab's processes (pid ppid stat seconds wchan args)\n");
        foreach (var line in processes.Stdout.Split('\n').Where(l => l.Contains(name, StringComparison.Ordinal) || l.Contains(" ip ", StringComparison.Ordinal)))
        {
            text.Append(line).Append('\n');
        }

        var kernel = await Machine.RunAsync("dmesg", [], CancellationToken.None);
        Tail(text, "dmesg", kernel.Stdout.Split('\n'));
        return text.ToString();
    }

    private static void Tail(StringBuilder text, string title, string file)
    {
        try
        {
            Tail(text, title, File.ReadAllLines(file));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            text.Append("--- ").Append(title).Append(": ").Append(e.Message).Append('\n');
        }
    }

    private static void Tail(StringBuilder text, string title, IReadOnlyList<string> lines)
    {
        text.Append("--- ").Append(title).Append(" (last ").Append(TailLines).Append(" lines)\n");
        foreach (var line in lines.Where(l => l.Length > 0).TakeLast(TailLines))
        {
            text.Append(line).Append('\n');
        }
    }

    private static string? Read(string file)
    {
        try
        {
            return File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
