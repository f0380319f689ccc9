using System.Runtime.InteropServices;

namespace Converge.TestKit.Processes;

/// <summary>
/// <c>struct rusage</c> on 64-bit Linux, as getrusage(2) and wait4(2) fill it: two timevals, then fourteen longs.
/// The measurements of the tests and benchmarks read a child's CPU time and peak memory from it.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public struct ResourceUsage
{
    public long UserSeconds;
    public long UserMicroseconds;
    public long SystemSeconds;
    public long SystemMicroseconds;
    public long MaxResidentKilobytes;
    public long Ixrss;
    public long Idrss;
    public long Isrss;
    public long MinorFaults;
    public long MajorFaults;
    public long Swaps;
    public long BlocksIn;
    public long BlocksOut;
    public long MessagesSent;
    public long MessagesReceived;
    public long Signals;
    public long VoluntarySwitches;
    public long InvoluntarySwitches;

    /// <summary>User plus system CPU time.</summary>
    public readonly TimeSpan CpuTime => TimeSpan.FromMicroseconds((UserSeconds + SystemSeconds) * 1_000_000.0 + UserMicroseconds + SystemMicroseconds);
}
