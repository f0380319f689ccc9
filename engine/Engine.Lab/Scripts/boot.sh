#!/bin/bash
# Boots one lab host. Runs as PID 1 of fresh mount, UTS, IPC and PID namespaces inside the host's
# network namespace (see supervise.sh): assembles the root from the cached image (read-only lower
# layer) and the host's own disk (upper layer), pivots into it and becomes the host's init.
# Usage: boot.sh HOST_ENV_FILE BOOT_ID
set -eu
# shellcheck source=/dev/null
. "$1"
boot_id="$2"
root="$RUN_DIR/root"
image="$RUN_DIR/image"
mkdir -p "$root" "$image"

# Every host shares one read-only loop device for the image: mount(8) reuses a loop device
# already bound to the same file (by device and inode, so labs' hard links share it too), and the
# lock keeps two boots from binding two devices at once.
(
    flock 9
    mount -o loop,ro "$IMAGE_FILE" "$image"
) 9>"$IMAGE_LOCK"
mount -t overlay overlay -o "lowerdir=$image/rootfs,upperdir=$UPPER_DIR,workdir=$WORK_DIR" "$root"

mount -t proc -o nosuid,nodev,noexec proc "$root/proc"
mount -t sysfs -o nosuid,nodev,noexec sysfs "$root/sys"
mount -t tmpfs -o mode=755,size=64k,nosuid dev "$root/dev"
mknod -m 666 "$root/dev/null" c 1 3
mknod -m 666 "$root/dev/zero" c 1 5
mknod -m 666 "$root/dev/full" c 1 7
mknod -m 666 "$root/dev/random" c 1 8
mknod -m 666 "$root/dev/urandom" c 1 9
mknod -m 666 "$root/dev/tty" c 5 0
mkdir -m 755 "$root/dev/net" "$root/dev/pts" "$root/dev/shm"
mknod -m 666 "$root/dev/net/tun" c 10 200
mount -t devpts -o newinstance,ptmxmode=0666,mode=620,gid=5 devpts "$root/dev/pts"
ln -s pts/ptmx "$root/dev/ptmx"
ln -s /proc/self/fd "$root/dev/fd"
ln -s /proc/self/fd/0 "$root/dev/stdin"
ln -s /proc/self/fd/1 "$root/dev/stdout"
ln -s /proc/self/fd/2 "$root/dev/stderr"
mount -t tmpfs -o mode=1777,nosuid,nodev shm "$root/dev/shm"
mount -t tmpfs -o mode=755,nosuid,nodev run "$root/run"
mount -t tmpfs -o mode=1777,nosuid,nodev tmp "$root/tmp"
mkdir -p "$root/run/lock" "$root/run/converge-lab"
echo "$boot_id" > "$root/run/converge-lab/boot_id"
echo "$HOST_NAME" > "$root/run/converge-lab/host"
mount --bind "$root/run/converge-lab/boot_id" "$root/proc/sys/kernel/random/boot_id"
# The init and the reboot/systemctl shims come from the lab, not the image, so they can change
# without rebuilding it; the image links /sbin/init and friends here.
mkdir -p "$root/usr/lib/converge-lab"
mount --bind "$GUEST_DIR" "$root/usr/lib/converge-lab"
mount -o remount,bind,ro "$root/usr/lib/converge-lab"
# Where docker and friends expect cgroups; the host shares the machine's hierarchy (a lab host is
# a test machine, not a security boundary).
if [ -d /sys/fs/cgroup ] && [ -d "$root/sys/fs/cgroup" ]; then
    mount --rbind /sys/fs/cgroup "$root/sys/fs/cgroup"
fi

cd "$root"
# pivot_root(".", ".") stacks the old root under the new one; the lazy unmount drops it
# (see pivot_root(2), NOTES).
pivot_root . .
umount -l .
cd /
exec env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin TERM=linux container=converge-lab /sbin/init
