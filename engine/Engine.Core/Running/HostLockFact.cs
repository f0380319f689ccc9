using Converge.Core.Connections;
using Converge.Core.Facts;

namespace Converge.Core.Running;

/// <summary>
/// Takes the per-host run lock, as a probe so it travels in the host's first batch (no round trip of its own)
/// and passes check mode: like the handler journal, the lock is Converge's own bookkeeping under the state
/// directory, not a change to what the playbook manages.
/// <para>
/// The lock is a record, <c>{converge_state_dir}/lock.N</c>: the highest N is the current one, and it names the run
/// that holds it and the process on the host whose life is the run's there, the sshd serving the run's connection
/// (or, for a local run, the controller itself), with that process's start time (from <c>/proc/PID/stat</c>, so a
/// reused pid is not mistaken for it). A record whose process is gone (or a zombie) is stale. A run takes the lock by
/// creating the next record, <c>lock.N+1</c>, exclusively (<c>set -C</c>: O_EXCL, atomic), so of two runs that find
/// the same stale record only one creates the next; the other then reads it and finds it held. So a run that dies
/// (killed controller, dropped connection, reboot) never leaves a lock that blocks the next one, and over SSH
/// nothing has to release it: the sshd process ends with the connection. Everything is the shell's own
/// (<c>read</c>, globbing, <c>set -C</c>): no program runs on the usual path (until session 13, <c>flock</c> and a
/// holder process running <c>tail --pid</c> cost every host two programs, 7% of a no-op's cost on it). Every 32nd
/// record removes the older ones with one <c>rm</c>. In apply mode the one <c>mkdir</c> a new host needs makes the
/// handler journal's folder too (<see cref="HandlerJournal.PendingFolder"/>), which then costs that journal none.
/// </para>
/// <para>
/// Of the connection's sshd processes (the session, under the connection's monitor, under the listener) the record
/// names the monitor, the highest one whose parent is an sshd too: the listener reaps it as it exits, while the
/// session is often left to PID 1 when the monitor exits first. The script walks the process tree with the shell's
/// own <c>read</c>. Where <c>/proc</c> hides other users' processes (<c>hidepid</c>), a process that cannot be read
/// counts as alive unless <c>kill -0</c> says there is no such process, so the lock is never taken from a live run;
/// there a user's login cannot read even its own sshd (sshd makes it non-dumpable), and a process that was
/// non-dumpable stays hidden as a zombie, so where PID 1 never reaps the user's next run would find it "alive" for
/// good. There the record names the run's SSH connection instead (<c>tcp:SERVERPORT:CLIENTPORT</c> from
/// <c>$SSH_CONNECTION</c>, ports in hex), which is alive while <c>/proc/net/tcp</c> or <c>tcp6</c> (readable by all,
/// whatever <c>hidepid</c> says) lists it established. Without <c>$SSH_CONNECTION</c> (a become user's environment)
/// the record names the loop shell's parent, that sshd (until session 13 such a run went without the lock).
/// </para>
/// <para>
/// A record already naming this run (a second inventory name of the same machine) is shared. A record still empty
/// (its run is writing it) or naming a live process is waited for up to 3 s (the previous run's sshd may still be
/// exiting), looking again every 0.2 s; then the host fails, naming the holder (an empty record after 3 s is
/// stale: its run died between creating and writing it). In check mode nothing is written: a check refuses to plan
/// against a host an apply is changing, but it does not keep an apply from starting (until session 13 a check
/// held a shared flock, which did). A local run's record names the controller, which may outlive the run (tests, a
/// long-lived process), so the run removes its record when its last local session ends (<see cref="Release"/>).
/// </para>
/// </summary>
internal sealed class HostLockFact(string stateDirectory, string runId, bool check, Become? become) : Fact<HostLockState>
{
    /// <summary>The script, unindented: it travels in the host's first probe batch.</summary>
    private const string Script =
        """
        d=$1; run=$2; ctl=$3; from=$4; mode=$5; now=$6
        if [ "$mode" != check ]; then [ -d "$d/pending" ] || mkdir -p -- "$d/pending" 2>/dev/null; fi
        a() {
        case $1 in tcp:*) lp=${1#tcp:}; rp=${lp#*:}; lp=${lp%:*}
        for f in /proc/net/tcp /proc/net/tcp6; do { while read -r sl la ra st sl; do case $la:$ra:$st in *:"$lp":*:"$rp":01) return 0 ;; esac; done <"$f"; } 2>/dev/null; done
        return 1 ;; esac
        [ "${1:-0}" -gt 0 ] 2>/dev/null || return 1
        e=$2; l=; { read -r l <"/proc/$1/stat"; } 2>/dev/null
        if [ -z "$l" ]; then
        [ -e /proc/1/stat ] && return 1
        case $(kill -0 "$1" 2>&1) in *[Nn]o\ such*) return 1 ;; esac
        return 0
        fi
        l=${l##*) }; set -- $l
        case $1 in Z|X|x) return 1 ;; esac
        [ "$e" = - ] && return 0
        shift 19; [ "$1" = "$e" ]
        }
        k() { t=-; l=; { read -r l <"/proc/$1/stat"; } 2>/dev/null; [ -n "$l" ] || return 0; l=${l##*) }; set -- $l; shift 19; t=$1; }
        z() { o=$1; set --; for x in "$d"/lock.*; do y=${x##*/lock.}; case $y in ''|*[!0-9]*) ;; *) [ "$y" -lt "$o" ] && set -- "$@" "$x" ;; esac; done; [ $# -eq 0 ] || rm -f -- "$@"; }
        w=; s=; m=; q=; p=$PPID
        while [ "${p:-0}" -gt 1 ]; do
        [ "$p" = "$ctl" ] && { w=$p; break; }
        n=; { while read -r x v; do [ "$x" = PPid: ] && { n=$v; break; }; done <"/proc/$p/status"; } 2>/dev/null
        if [ "$q" != done ]; then
        c=; { read -r c <"/proc/$p/comm"; } 2>/dev/null
        case $c in
        sshd*) s=${s:-$p}; q=in; c=; { read -r c <"/proc/$n/comm"; } 2>/dev/null; case $c in sshd*) m=$p ;; *) q=done ;; esac ;;
        *) [ -z "$q" ] || q=done ;;
        esac
        fi
        p=$n
        done
        if [ -z "$w$s" ] && [ -n "${SSH_CONNECTION:-}" ] && ! { read -r l <"/proc/$PPID/stat"; } 2>/dev/null; then set -- $SSH_CONNECTION; w=tcp:$(printf '%04X:%04X' "$4" "$2"); fi
        w=${w:-${m:-${s:-$PPID}}}
        k "$w"
        i=0
        while :; do
        g=0
        for x in "$d"/lock.*; do y=${x##*/lock.}; case $y in ''|*[!0-9]*) ;; *) [ "$y" -gt "$g" ] && g=$y ;; esac; done
        h=; hp=; hk=; hs=; hc=
        [ "$g" -eq 0 ] || { read -r h hp hk hs hc <"$d/lock.$g"; } 2>/dev/null
        [ -n "$h" ] && [ "$h" = "$run" ] && { echo same; exit 0; }
        if [ "$g" -gt 0 ] && { [ -z "$h" ] || a "$hp" "$hk"; }; then
        i=$((i+1))
        if [ $i -lt 15 ]; then sleep 0.2; continue; fi
        [ -z "$h" ] || { echo "held $h $hp $hs $hc"; exit 0; }
        fi
        [ "$mode" = check ] && { echo free; exit 0; }
        g=$((g+1))
        set -C
        if { printf '%s %s %s %s %s\n' "$run" "$w" "$t" "$now" "$from" >"$d/lock.$g"; } 2>/dev/null; then set +C; break; fi
        set +C
        [ -e "$d/lock.$g" ] || { echo "unavailable: cannot create $d/lock.$g"; exit 0; }
        done
        [ $((g % 32)) -ne 0 ] || z "$g"
        echo acquired
        """;

    public override CommandSpec Command { get; } =
        CommandSpec.Probe(
            "/bin/sh", "-c", Script, "converge-lock", stateDirectory.TrimEnd('/'), runId,
            Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), Environment.MachineName, check ? "check" : "apply",
            DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture))
            with { Become = become };

    /// <summary>Removes this run's record from the host, which releases the lock (a probe: bookkeeping, allowed in check mode).</summary>
    public CommandSpec Release { get; } =
        CommandSpec.Probe(
            "/bin/sh", "-c", "for x in \"$1\"/lock.*; do h=; { read -r h y <\"$x\"; } 2>/dev/null; [ \"$h\" = \"$2\" ] && rm -f -- \"$x\"; done; exit 0", "converge-lock-release", stateDirectory.TrimEnd('/'), runId)
            with { Become = become };

    /// <summary>A port of a <c>tcp:SERVER:CLIENT</c> record, in decimal (the record has it in hex, as <c>/proc/net/tcp</c>).</summary>
    private static string PortOf(string watched, int field) =>
        watched.Split(':') is { Length: 3 } parts && int.TryParse(parts[field], System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var port)
            ? port.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : "?";

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
            var watched = fields.Length >= 2 && fields[1].StartsWith("tcp:", StringComparison.Ordinal)
                ? $"its SSH connection to port {PortOf(fields[1], 1)} from port {PortOf(fields[1], 2)}"
                : $"pid {(fields.Length >= 2 ? fields[1] : "?")}";
            var holder = fields.Length >= 4
                ? $"run {fields[0]} from {fields[3]} (watching {watched} on the host) since {fields[2]}"
                : "another run";
            return new HostLockState(HostLockStatus.Held, holder);
        }

        return new HostLockState(
            line switch
            {
                "same" or "acquired" => HostLockStatus.Acquired,
                "free" => HostLockStatus.Free,
                _ => HostLockStatus.Unavailable,
            },
            line);
    }
}
