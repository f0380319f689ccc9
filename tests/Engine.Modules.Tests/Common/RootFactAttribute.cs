namespace Converge.Modules.Tests.Common;

/// <summary>
/// A fact that needs root (chown, /etc/init.d, update-rc.d). CI runs as root and runs it; elsewhere it is
/// reported as skipped with this reason, never passed silently. Filter with <c>Requires=root</c>.
/// </summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (Environment.UserName != "root")
        {
            Skip = "needs root (CI runs as root): changes ownership or system init scripts";
        }
    }
}
