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
/// same machine shares the lock (its holder processes carry the run id). In check mode the lock is taken only
/// when its file exists (from an earlier apply) and the file is not rewritten: check mode creates nothing on the
/// host, yet still refuses to plan against a host another run is changing. A contended lock is waited for up to 3 s (the previous run's
/// holder may still be exiting), then the host fails. A local run's holder watches the controller, which may outlive
/// the run, so the run stops it when its last local session ends (<see cref="Release"/>).
/// </para>
/// </summary>
internal sealed class HostLockFact(string stateDirectory, string runId, bool check, Become? become) : Fact<HostLockState>
{
    private const string Script =
        """
        d=$1; f=$d/lock; run=$2; m=
        if [ "$5" = check ]; then
          [ -e "$f" ] || { echo "unavailable: no lock file yet"; exit 0; }
          if ! { exec 9<"$f"; } 2>/dev/null; then echo "unavailable: cannot open $f"; exit 0; fi
        else
          [ -d "$d" ] || mkdir -p -- "$d" 2>/dev/null
          if ! { exec 9>>"$f"; } 2>/dev/null; then echo "unavailable: cannot open $f"; exit 0; fi
        fi
        ours() { pgrep -f "converge-lock-holder [0-9]* $run\$" >/dev/null 2>&1; }
        if ! flock -n 9; then
          if ours; then echo same; exit 0; fi
          if ! flock -w 3 9; then
            if ours; then echo same; else printf 'held '; head -n 1 -- "$f"; echo; fi
            exit 0
          fi
        fi
        w=; s=; q=; p=$PPID
        while [ -n "$p" ] && [ "$p" -gt 1 ]; do
          if [ "$p" = "$3" ]; then w=$p; break; fi
          n=; { while read -r k v; do if [ "$k" = PPid: ]; then n=$v; break; fi; done < "/proc/$p/status"; } 2>/dev/null
          if [ "$q" != done ]; then
            c=; { read -r c < "/proc/$p/comm"; } 2>/dev/null
            case $c in
              sshd*) s=${s:-$p}; q=in; c=; { read -r c < "/proc/$n/comm"; } 2>/dev/null
                case $c in sshd*) m=$p ;; *) q=done ;; esac ;;
              *) [ -z "$q" ] || q=done ;;
            esac
          fi
          p=$n
        done
        w=${w:-${m:-$s}}
        if [ -z "$w" ]; then echo "unavailable: no run process to watch"; exit 0; fi
        if [ "$5" != check ]; then printf '%s %s %s %s\n' "$run" "$w" "$6" "$4" > "$f"; fi
        sh -c 'trap "" HUP INT; tail --pid="$1" -s 0.1 -f /dev/null 9>&- || while [ -d /proc/$1 ]; do sleep 0.5; done; exit 0' converge-lock-holder "$w" "$run" </dev/null >/dev/null 2>&1 &
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
