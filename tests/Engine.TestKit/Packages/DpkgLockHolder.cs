using System.Globalization;

namespace Converge.TestKit.Packages;

/// <summary>A host's dpkg lock held by another process, as another package tool would hold it.</summary>
public static class DpkgLockHolder
{
    /// <summary>
    /// A shell script that has python3 take <c>/var/lib/dpkg/lock-frontend</c> as dpkg does (a POSIX lock), in a
    /// session of its own, and hold it for <paramref name="seconds"/>; the script returns once the lock is taken. The
    /// holder's pid is in <c>/tmp/holder.pid</c>.
    /// </summary>
    public static string Script(int seconds) =>
        "rm -f /tmp/locked; setsid python3 -c 'import fcntl,sys,time; f=open(\"/var/lib/dpkg/lock-frontend\",\"w\"); fcntl.lockf(f, fcntl.LOCK_EX); open(\"/tmp/locked\",\"w\").close(); time.sleep(float(sys.argv[1]))' "
        + seconds.ToString(CultureInfo.InvariantCulture)
        + " </dev/null >/dev/null 2>&1 & echo $! > /tmp/holder.pid; while [ ! -e /tmp/locked ]; do sleep 0.1; done";
}
