namespace Converge.Modules.Tests.Apt;

/// <summary>A theory that needs lab hosts (root on Linux: namespaces). CI runs as root and runs them all; elsewhere they are skipped with this reason.</summary>
public sealed class LabTheoryAttribute : TheoryAttribute
{
    public LabTheoryAttribute()
    {
        if (!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess)
        {
            Skip = "needs root on Linux: lab hosts are namespaces (CI runs these as root)";
        }
    }
}
