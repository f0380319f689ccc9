using System.Collections;
using System.Runtime.InteropServices;
using Converge.TestKit.Processes;
using Converge.TestKit;

namespace Converge.Cli.Tests.Support;

/// <summary>
/// Runs the real <c>converge</c> as a child process and measures that one child's peak resident memory,
/// exactly, from the <c>struct rusage</c> that wait4(2) returns for it. The child is started with
/// posix_spawnp(3) (through <c>sh -c 'exec dotnet converge.dll ...'</c> or the native build's executable, so the measured process is
/// converge itself) because .NET's <c>Process</c> reaps its children without exposing their usage.
/// </summary>
internal static partial class MeasuredConverge
{
    private const int Interrupted = 4;

    public static async Task<MeasuredOutcome> RunAsync(IReadOnlyList<string> arguments, string scratch)
    {
        var id = Guid.NewGuid().ToString("N");
        var stdout = Path.Combine(scratch, id + ".out");
        var stderr = Path.Combine(scratch, id + ".err");
        string[] argv =
        [
            "/bin/sh", "-c", "out=$1; err=$2; shift 2; exec \"$@\" <\"/dev/null\" >\"$out\" 2>\"$err\"", "sh",
            stdout, stderr, .. ConvergeProcess.Command, .. arguments,
        ];
        var environment = Environment.GetEnvironmentVariables().Cast<DictionaryEntry>().Select(e => $"{e.Key}={e.Value}").ToArray();
        var (exit, peakKilobytes) = await Task.Run(() => SpawnAndWait(argv, environment));
        var outcome = new ConvergeOutcome(exit, await File.ReadAllTextAsync(stdout), await File.ReadAllTextAsync(stderr));
        File.Delete(stdout);
        File.Delete(stderr);
        return new MeasuredOutcome(outcome, peakKilobytes * 1024);
    }

    private static (int Exit, long PeakKilobytes) SpawnAndWait(string[] argv, string[] environment)
    {
        var nativeArgv = Native(argv);
        var nativeEnvironment = Native(environment);
        try
        {
            var error = Spawn(out var pid, argv[0], IntPtr.Zero, IntPtr.Zero, nativeArgv, nativeEnvironment);
            if (error != 0)
            {
                throw new InvalidOperationException($"posix_spawnp failed with errno {error}");
            }

            int result;
            int status;
            ResourceUsage usage;
            do
            {
                result = ResourceUsages.Wait4(pid, out status, 0, out usage);
            }
            while (result == -1 && Marshal.GetLastPInvokeError() == Interrupted);

            if (result != pid)
            {
                throw new InvalidOperationException($"wait4 failed with errno {Marshal.GetLastPInvokeError()}");
            }

            // WIFEXITED: the low 7 bits are 0; otherwise report the signal as the shell would (128 + n).
            var exit = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F);
            return (exit, usage.MaxResidentKilobytes);
        }
        finally
        {
            Free(nativeArgv);
            Free(nativeEnvironment);
        }
    }

    private static IntPtr[] Native(string[] strings) => [.. strings.Select(Marshal.StringToCoTaskMemUTF8), IntPtr.Zero];

    private static void Free(IntPtr[] pointers)
    {
        foreach (var pointer in pointers)
        {
            Marshal.FreeCoTaskMem(pointer);
        }
    }

    [LibraryImport("libc", EntryPoint = "posix_spawnp", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Spawn(out int pid, string file, IntPtr fileActions, IntPtr attributes, IntPtr[] argv, IntPtr[] environment);
}
