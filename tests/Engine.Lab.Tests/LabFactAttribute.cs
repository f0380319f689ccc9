namespace Converge.Lab.Tests;

/// <summary>
/// A fact that needs root on Linux (namespaces, mounts, interfaces). CI runs as root and runs them
/// all; elsewhere they are skipped with this reason rather than silently passing.
/// </summary>
public sealed class LabFactAttribute : FactAttribute
{
    public LabFactAttribute()
    {
        if (!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess)
        {
            Skip = "needs root on Linux: lab hosts are namespaces (CI runs these as root)";
        }
    }
}
