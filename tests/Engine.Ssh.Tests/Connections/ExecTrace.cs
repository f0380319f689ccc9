using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Converge.Ssh.Tests.Connections;

/// <summary>
/// The programs a process and its descendants exec while the trace runs: <c>strace -ff -e trace=execve</c>
/// attached to the remote shell's pid (the test sshd's hosts are this machine, so the pid is local). One output
/// file per process, so concurrent processes (a pipeline's) never split a line; their order is not kept.
/// </summary>
internal sealed partial class ExecTrace : IAsyncDisposable
{
    private readonly Process _strace;
    private readonly string _output;

    private ExecTrace(Process strace, string output)
    {
        _strace = strace;
        _output = output;
    }

    public static async Task<ExecTrace> AttachAsync(int pid)
    {
        var output = Path.Combine(Path.GetTempPath(), $"converge-exec-trace-{Guid.NewGuid():N}");
        var start = new ProcessStartInfo("strace", ["-ff", "-e", "trace=execve", "-o", output, "-p", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var strace = Process.Start(start) ?? throw new InvalidOperationException("strace did not start");

        // strace says "Process N attached" once the tracee is stopped under it: from then on every fork is followed.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (await strace.StandardError.ReadLineAsync() is { } line)
        {
            if (line.Contains("attached", StringComparison.Ordinal))
            {
                return new ExecTrace(strace, output);
            }

            if (DateTime.UtcNow > deadline)
            {
                break;
            }
        }

        strace.Kill();
        throw new InvalidOperationException($"strace could not attach to {pid} (is strace installed?)");
    }

    /// <summary>Detaches (SIGINT, so the traced shell runs on) and returns the programs exec'd, by base name, sorted.</summary>
    public async Task<IReadOnlyList<string>> StopAsync()
    {
        using (var kill = Process.Start("kill", ["-INT", _strace.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await _strace.WaitForExitAsync();
        var programs = new List<string>();
        foreach (var file in Files())
        {
            programs.AddRange((await File.ReadAllLinesAsync(file))
                .Select(line => SuccessfulExec().Match(line))
                .Where(m => m.Success)
                .Select(m => Path.GetFileName(m.Groups[1].Value)));
        }

        programs.Sort(StringComparer.Ordinal);
        return programs;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_strace.HasExited)
        {
            _strace.Kill();
            await _strace.WaitForExitAsync();
        }

        _strace.Dispose();
        foreach (var file in Files())
        {
            File.Delete(file);
        }
    }

    private IEnumerable<string> Files() => Directory.EnumerateFiles(Path.GetDirectoryName(_output)!, Path.GetFileName(_output) + ".*");

    [GeneratedRegex("""execve\("([^"]+)", .* = 0$""")]
    private static partial Regex SuccessfulExec();
}
