using System.Diagnostics;
using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Modules;

namespace Converge.Modules.Apt;

/// <summary>
/// Waits for the dpkg lock as Ansible's <c>lock_timeout</c> does, but saying who holds it: dpkg and apt take
/// POSIX locks on <c>/var/lib/dpkg/lock-frontend</c> and <c>/var/lib/dpkg/lock</c> (dpkg(1), apt 1.5+), which
/// <c>/proc/locks</c> lists by inode with the holder's PID. unattended-upgrades or a second run is the usual holder.
/// </summary>
public static class DpkgLock
{
    private const string Script =
        """
        for f in /var/lib/dpkg/lock-frontend /var/lib/dpkg/lock; do
          [ -e "$f" ] || continue
          ino=$(stat -c %i "$f")
          pid=$(awk -v ino="$ino" '$2 != "->" { n = split($6, a, ":"); if (a[n] == ino) { print $5; exit } }' /proc/locks)
          if [ -n "$pid" ]; then printf '%s %s %s\n' "$f" "$pid" "$(cat /proc/$pid/comm 2>/dev/null || echo '?')"; exit 0; fi
        done
        exit 0
        """;

    /// <summary>Returns how long it waited; throws when the lock is still held after <paramref name="timeout"/>.</summary>
    public static async Task<TimeSpan> WaitAsync(ModuleContext context, TimeSpan timeout, Action<string> say, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var probe = CommandSpec.Probe("/bin/sh", "-c", Script, "converge-dpkg-lock");
        TimeSpan? lastSaid = null;
        while (true)
        {
            var holder = (await context.Connection.RunAsync(probe, ct)).Stdout.Trim();
            if (holder.Length == 0)
            {
                return clock.Elapsed;
            }

            var parts = holder.Split(' ', 3);
            var who = $"{parts[0]} is held by PID {parts.ElementAtOrDefault(1)} ({parts.ElementAtOrDefault(2)})";
            if (clock.Elapsed >= timeout)
            {
                throw new TaskFailedException($"{who} after waiting lock_timeout {timeout.TotalSeconds:0} s; is unattended-upgrades or another run still working?");
            }

            if (lastSaid is null || clock.Elapsed - lastSaid >= TimeSpan.FromSeconds(5))
            {
                say($"waiting for the dpkg lock: {who} ({clock.Elapsed.TotalSeconds:0} s of lock_timeout {timeout.TotalSeconds:0} s)");
                lastSaid = clock.Elapsed;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
        }
    }
}
