using Converge.Core.Connections;
using Converge.Core.Facts;

namespace Converge.Core.Running;

/// <summary>
/// Takes the per-host run lock, as a probe so it travels in the host's first batch (no round trip of its own)
/// and passes check mode: like the handler journal, the lock is Converge's own bookkeeping under the state
/// directory, not a change to what the playbook manages.
/// <para>
/// The lock is an flock(2) on <c>{converge_state_dir}/lock</c>, held by a tiny holder process the probe leaves
/// behind with the locked descriptor. The holder watches the run's process on the host, the sshd process serving
/// the run's connection (or, for a local run, the controller itself), and exits within 0.1 s of its end
/// (GNU <c>tail --pid</c> polls it without a process per poll; elsewhere a <c>sleep 0.5</c> loop), which releases
/// the lock. Of the connection's sshd processes (the session, under the connection's monitor, under the listener)
/// it watches the monitor, the highest one whose parent is an sshd too: the listener reaps it as it exits, while the
/// session is often left to PID 1 when the monitor exits first, and a PID 1 that reaps late (or never: a container
/// whose PID 1 is <c>sleep</c>) kept it a zombie, which both checks count as running, so the next run found the lock
/// held. So a run that dies (killed controller, dropped connection, reboot) never leaves
/// a lock that blocks the next one: the kernel drops the flock with its last holder, and a lock file whose flock
/// is free is stale and simply taken over. The file records the holder's run id, the watched pid, the start time
/// and the controller's name, for the message a second run prints. The script walks the process tree with the shell's
/// own <c>read</c> (no process per step: exec costs a host 1–2 ms each where it is slow) and records the controller's
/// clock as the start time. Every inventory host of one run that is the
/// same machine shares the lock (the lock file names the run that holds it). In check mode the lock is taken only
/// when its file exists (from an earlier apply), the file is not rewritten, and the lock is shared: check mode
/// creates nothing on the host and changes nothing, so check runs (and two names of one machine in one check run)
/// exclude only an apply, yet a check still refuses to plan against a host another run is changing. Over SSH the
/// holder is a subshell of the probe's shell running <c>tail</c> (a second <c>sh</c> would cost the host an exec);
/// a local run's watches the controller, which may outlive the run, so it is a <c>sh</c> named
/// <c>converge-lock-holder</c> with the run id, which the run stops when its last local session ends
/// (<see cref="Release"/>). A contended lock is waited for up to 3 s (the previous run's holder may still be exiting)
/// in 0.2 s steps, each of which looks again whether the file names this run: the run id is written as soon as the
/// lock is taken, so a second name of the same machine that races the first one is let in within a step, not after
/// 3 s (which delayed that host's tasks past others': max_fail_percentage's test saw it). Then the host fails.
/// </para>
/// </summary>
internal sealed class HostLockFact(string stateDirectory, string runId, bool check, Become? become) : Fact<HostLockState>
{
    /// <summary>The script, unindented: it travels in the host's first probe batch, which stays under the loop's
    /// <see cref="Connections.Ssh.PersistentShellScript.ReadLimit"/> (past it the batch costs a <c>head -c</c>).</summary>
    private const string Script =
        """
        d=$1; f=$d/lock; run=$2
        if [ "$5" = check ]; then
        [ -e "$f" ] || { echo "unavailable: no lock file yet"; exit 0; }
        { exec 9<"$f"; } 2>/dev/null || { echo "unavailable: cannot open $f"; exit 0; }
        l=-s
        else
        [ -d "$d" ] || mkdir -p -- "$d" 2>/dev/null
        { exec 9>>"$f"; } 2>/dev/null || { echo "unavailable: cannot open $f"; exit 0; }
        l=-x
        fi
        o() { h=; { read -r h x <"$f"; } 2>/dev/null; [ "$h" = "$run" ]; }
        if ! flock -n $l 9; then
        i=0
        until flock -w 0.2 $l 9; do
        o && { echo same; exit 0; }
        i=$((i+1)); [ $i -lt 15 ] && continue
        printf 'held '; head -n 1 -- "$f"; echo; exit 0
        done
        fi
        [ "$5" = check ] || printf '%s\n' "$run" >"$f"
        w=; s=; m=; q=; p=$PPID
        while [ "${p:-0}" -gt 1 ]; do
        [ "$p" = "$3" ] && { w=$p; break; }
        n=; { while read -r k v; do [ "$k" = PPid: ] && { n=$v; break; }; done <"/proc/$p/status"; } 2>/dev/null
        if [ "$q" != done ]; then
        c=; { read -r c <"/proc/$p/comm"; } 2>/dev/null
        case $c in
        sshd*) s=${s:-$p}; q=in; c=; { read -r c <"/proc/$n/comm"; } 2>/dev/null; case $c in sshd*) m=$p ;; *) q=done ;; esac ;;
        *) [ -z "$q" ] || q=done ;;
        esac
        fi
        p=$n
        done
        w=${w:-${m:-$s}}
        [ -n "$w" ] || { echo "unavailable: no run process to watch"; exit 0; }
        [ "$5" = check ] || printf '%s %s %s %s\n' "$run" "$w" "$6" "$4" >"$f"
        if [ "$w" = "$3" ]; then
        sh -c 'trap "" HUP INT; tail --pid="$1" -s 0.1 -f /dev/null 9>&- || while [ -d /proc/$1 ]; do sleep 0.5; done; exit 0' converge-lock-holder "$w" "$run" </dev/null >/dev/null 2>&1 &
        else
        ( trap '' HUP INT; tail --pid="$w" -s 0.1 -f /dev/null 9>&- || while [ -d "/proc/$w" ]; do sleep 0.5; done ) </dev/null >/dev/null 2>&1 &
        fi
        echo acquired
        """;

    public override CommandSpec Command { get; } =
        CommandSpec.Probe(
            "/bin/sh", "-c", Script, "converge-lock", stateDirectory.TrimEnd('/'), runId,
            Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), Environment.MachineName, check ? "check" : "apply",
            DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture))
            with { Become = become };

    /// <summary>Stops this run's holder processes on the host, which releases the lock (a probe: bookkeeping, allowed in check mode).</summary>
    public CommandSpec Release { get; } =
        CommandSpec.Probe(
            "/bin/sh", "-c", "pkill -P \"$(pgrep -d, -f -- \"$1\")\" 2>/dev/null; pkill -f -- \"$1\"; exit 0", "converge-lock-release", $"converge-lock-holder [0-9]* {runId}$")
            with { Become = become };

    public override HostLockState Parse(CommandResult result)
    {
        var line = result.Stdout.Trim();
        if (!result.Succeeded || line.StartsWith("unavailable", StringComparison.Ordinal) || line.Length == 0)
        {
            return new HostLockState(HostLockStatus.Unavailable, line.Length == 0 ? result.StderrTail() : line);
        }

        if (line.StartsWith("held ", StringComparison.Ordinal))
        {
            var fields = line["held ".Length..].Split(' ');
            var holder = fields.Length >= 4
                ? $"run {fields[0]} from {fields[3]} (watching pid {fields[1]} on the host) since {fields[2]}"
                : "another run";
            return new HostLockState(HostLockStatus.Held, holder);
        }

        return new HostLockState(line is "same" or "acquired" ? HostLockStatus.Acquired : HostLockStatus.Unavailable, line);
    }
}
