using System.Runtime.InteropServices;

namespace Converge.TestKit.Processes;

/// <summary>The two ways the measurements read a <see cref="ResourceUsage"/>: for one child as it is reaped, or for all reaped children.</summary>
public static partial class ResourceUsages
{
    private const int RusageChildren = -1;

    /// <summary>wait4(2): reaps <paramref name="pid"/> and returns its usage; -1 with errno set on failure.</summary>
    [LibraryImport("libc", EntryPoint = "wait4", SetLastError = true)]
    public static partial int Wait4(int pid, out int status, int options, out ResourceUsage usage);

    /// <summary>getrusage(2) with RUSAGE_CHILDREN: what every terminated, reaped child of this process used; null when it fails.</summary>
    public static ResourceUsage? OfChildren() => GetResourceUsage(RusageChildren, out var usage) == 0 ? usage : null;

    [LibraryImport("libc", EntryPoint = "getrusage", SetLastError = true)]
    private static partial int GetResourceUsage(int who, out ResourceUsage usage);
}
