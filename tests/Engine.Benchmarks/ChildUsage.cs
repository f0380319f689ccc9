using Converge.TestKit.Processes;

namespace Converge.Benchmarks;

/// <summary>
/// CPU time of terminated child processes (getrusage(2) with RUSAGE_CHILDREN). The difference across one
/// converge run is the controller's own CPU, which the machine's other load does not inflate the way it
/// inflates wall time.
/// </summary>
internal static class ChildUsage
{
    public static TimeSpan CpuTime() => ResourceUsages.OfChildren()?.CpuTime ?? TimeSpan.Zero;
}
