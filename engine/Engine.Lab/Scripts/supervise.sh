#!/bin/bash
# The supervisor of one lab host: the "power supply and reset button". It outlives `converge lab
# up` (started detached with setsid) and loops: fresh boot id, fresh network namespace and NIC (same
# name and MAC), start the host's PID 1, wait, and read why it ended (reboot, halt, crash).
# Usage: supervise.sh HOST_ENV_FILE. Control files in $RUN_DIR: power (on|off), destroy, boot_id.
set -u
env_file="$1"
# shellcheck source=/dev/null
. "$env_file"
mkdir -p "$RUN_DIR"
echo $$ > "$RUN_DIR/supervisor.pid"
[ -e "$RUN_DIR/power" ] || echo on > "$RUN_DIR/power"
exec </dev/null >>"$RUN_DIR/supervisor.log" 2>&1

log() { echo "$(date -u +%FT%T.%3NZ) $HOST_NAME: $*"; }
state() { echo "$1" > "$RUN_DIR/state.tmp" && mv -f "$RUN_DIR/state.tmp" "$RUN_DIR/state"; }

# Removes this host's NIC and network namespace; both are ours by name.
unplug() {
    ip -n "$SWITCH_NS" link del "$PORT" 2>/dev/null
    ip netns del "$HOST_NS" 2>/dev/null
    rm -f "$RUN_DIR/init.pid" "$RUN_DIR/unshare.pid"
}

plug() {
    unplug
    ip netns add "$HOST_NS" &&
    ip -n "$SWITCH_NS" link add "$PORT" type veth peer name eth0 netns "$HOST_NS" &&
    ip -n "$HOST_NS" link set eth0 address "$MAC" &&
    ip -n "$SWITCH_NS" link set "$PORT" master br0 up
}

boots=0
quick_failures=0
while :; do
    [ -e "$RUN_DIR/destroy" ] && break
    if [ "$(cat "$RUN_DIR/power" 2>/dev/null)" != on ]; then
        state off
        sleep 0.2
        continue
    fi
    boot_id="$(cat /proc/sys/kernel/random/uuid)"
    echo "$boot_id" > "$RUN_DIR/boot_id"
    boots=$((boots + 1))
    state booting
    if ! plug; then
        log "cannot create the network namespace or NIC; retrying"
        unplug
        sleep 1
        continue
    fi
    log "boot $boots, boot id $boot_id"
    # The host's init starts with every signal at its default: one the lab was started with ignored
    # (`nohup converge lab up`, a CI runner ignoring SIGHUP) would stay ignored in PID 1, which cannot
    # trap a signal ignored on entry, and `reboot` (SIGHUP to PID 1) would do nothing.
    nsenter --net="/run/netns/$HOST_NS" \
        unshare --mount --uts --ipc --pid --fork --kill-child --propagation private \
        env --default-signal "$BIN_DIR/boot.sh" "$env_file" "$boot_id" &
    child=$!
    echo "$child" > "$RUN_DIR/unshare.pid"
    # The host's PID 1 as the machine sees it: the one child of unshare.
    for _ in $(seq 100); do
        init="$(cat "/proc/$child/task/$child/children" 2>/dev/null | awk '{print $1}')"
        [ -n "$init" ] && { echo "$init" > "$RUN_DIR/init.pid"; break; }
        kill -0 "$child" 2>/dev/null || break
        sleep 0.02
    done
    state up
    started=$SECONDS
    wait "$child"
    rc=$?
    # init exits 10 for reboot and 11 for halt; reboot(2) inside a PID namespace kills its init
    # with SIGHUP (reboot) or SIGINT (halt) (see pid_namespaces(7)); anything else is a crash or
    # a hard reset and the host boots again, as a machine with a watchdog would.
    case $rc in
        10|129) why=reboot ;;
        11|130) why=halt ;;
        137) why=reset ;;
        *) why="crash (exit $rc)" ;;
    esac
    # `lab reboot --hard` and `lab stop --hard` kill PID 1 and leave this note first.
    if [ -e "$RUN_DIR/reset" ]; then why=reset; rm -f "$RUN_DIR/reset"; fi
    log "PID 1 ended: $why"
    echo "$why" > "$RUN_DIR/last_exit"
    unplug
    if [ "$why" = halt ]; then echo off > "$RUN_DIR/power"; fi
    # A host that cannot boot (a broken disk or image) must not spin: after five crashes within
    # seconds of starting, it stays off until `lab start` and `lab up` reports this log.
    case "$why" in
        crash*)
            if [ $((SECONDS - started)) -lt 3 ]; then quick_failures=$((quick_failures + 1)); else quick_failures=0; fi
            if [ $quick_failures -ge 5 ]; then
                log "boot failed 5 times in a row; powering off"
                # Off before failed: whoever sees the failure (lab up, lab reboot) reads the host as off.
                echo off > "$RUN_DIR/power"
                state off
                echo failed > "$RUN_DIR/last_exit"
                quick_failures=0
            fi
            sleep $((quick_failures / 2)) ;;
        *) quick_failures=0 ;;
    esac
done
unplug
state destroyed
log "supervisor exits"
rm -f "$RUN_DIR/supervisor.pid"
