#!/bin/sh
# invoke-rc.d on a lab host: Debian's own (diverted to invoke-rc.d.distrib) decides and runs the
# script; only when it fails is the action retried through the lab's rc runner, which forgives a
# `ulimit` the machine forbids (e.g. docker.io's postinst would otherwise fail to configure).
/usr/sbin/invoke-rc.d.distrib "$@" && exit 0
status=$?
name=
action=
for arg in "$@"; do
    case "$arg" in
        --*) ;;
        *) if [ -z "$name" ]; then name="$arg"; elif [ -z "$action" ]; then action="$arg"; fi ;;
    esac
done
case "$action" in
    start|restart|force-reload|reload|try-restart)
        if [ -x "/etc/init.d/$name" ]; then
            exec /usr/lib/converge-lab/rc "$name" "$action"
        fi ;;
esac
exit $status
