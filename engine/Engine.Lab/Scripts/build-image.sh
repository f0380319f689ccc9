#!/bin/bash
# Builds the lab's Debian image into an ext4 file of its own (overlayfs refuses a lower layer that
# overlaps upper/work, and a private filesystem keeps the image immutable while hosts run on it).
# Runs inside a private mount namespace (the caller uses `unshare --mount`), so the loop mount
# never shows in the machine's mount table. Inputs come from the environment:
#   LAB_IMAGE_FILE  the ext4 file to produce (written to LAB_IMAGE_FILE.tmp, renamed at the end)
#   LAB_MIRROR LAB_SUITE LAB_INCLUDE (comma list) LAB_REPO_PACKAGES (space list) LAB_STAMP
set -euo pipefail
: "${LAB_IMAGE_FILE:?}" "${LAB_MIRROR:?}" "${LAB_SUITE:?}" "${LAB_INCLUDE:?}" "${LAB_REPO_PACKAGES:?}" "${LAB_STAMP:?}"

tmp="$LAB_IMAGE_FILE.tmp"
mnt="$(mktemp -d /tmp/converge-lab-image.XXXXXX)"
cleanup() { umount -R "$mnt" 2>/dev/null || true; rmdir "$mnt" 2>/dev/null || true; }
trap cleanup EXIT

rm -f "$tmp"
truncate -s 4G "$tmp"
mkfs.ext4 -q -F -L converge-lab "$tmp"
mount -o loop "$tmp" "$mnt"
root="$mnt/rootfs"
mkdir -p "$root"

echo "converge-lab: debootstrap $LAB_SUITE from $LAB_MIRROR" >&2
debootstrap --variant=minbase --include="$LAB_INCLUDE" "$LAB_SUITE" "$root" "$LAB_MIRROR" >&2

in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive "$@"; }
mount -t proc proc "$root/proc"
mount --bind /dev "$root/dev"
cp /etc/resolv.conf "$root/etc/resolv.conf"
# No service may start inside the build chroot (policy-rc.d(8)); removed at the end.
printf '#!/bin/sh\nexit 101\n' > "$root/usr/sbin/policy-rc.d"
chmod 755 "$root/usr/sbin/policy-rc.d"

# Lab hosts have no init system; these names must stay ours even when a package (docker.io pulls
# systemd) ships its own, so they are diverted before anything else is installed.
for path in /sbin/init /sbin/reboot /sbin/halt /sbin/poweroff /sbin/shutdown /sbin/runlevel /bin/systemctl \
    /usr/sbin/invoke-rc.d /usr/sbin/service; do
    in_root dpkg-divert --local --rename --divert "$path.distrib" --add "$path" >/dev/null
done
mkdir -p "$root/usr/lib/converge-lab"
for name in init reboot halt poweroff shutdown runlevel; do
    ln -sf "/usr/lib/converge-lab/$name" "$root/sbin/$name"
done
ln -sf /usr/lib/converge-lab/systemctl "$root/bin/systemctl"
ln -sf /usr/lib/converge-lab/invoke-rc.d "$root/usr/sbin/invoke-rc.d"
ln -sf /usr/lib/converge-lab/service "$root/usr/sbin/service"

echo "converge-lab: downloading the offline repository: $LAB_REPO_PACKAGES" >&2
cat > "$root/etc/apt/sources.list" <<SOURCES
deb $LAB_MIRROR $LAB_SUITE main
deb $LAB_MIRROR $LAB_SUITE-updates main
SOURCES
in_root apt-get -q update >&2
# debootstrap leaves its own debs in the cache: only what the repository packages add goes in.
in_root apt-get clean
# Recommends stay out (docker.io would drag systemd and a compiler in); apt skips a recommended
# package the repository lacks, so hosts installing with recommends still succeed.
in_root apt-get -q -y --no-install-recommends --download-only install $LAB_REPO_PACKAGES >&2
mkdir -p "$root/srv/repo"
mv "$root"/var/cache/apt/archives/*.deb "$root/srv/repo/"
# A tiny container image for hosts with docker (no registry here): `docker import
# /srv/images/busybox.tar busybox`. Its applets are symlinks to the static busybox.
bb="$(mktemp -d /tmp/converge-lab-busybox.XXXXXX)"
dpkg-deb -x "$root"/srv/repo/busybox-static_*.deb "$bb/deb"
mkdir -p "$bb/rootfs/bin" "$bb/rootfs/tmp" "$bb/rootfs/etc" "$root/srv/images"
cp "$bb/deb/bin/busybox" "$bb/rootfs/bin/busybox"
for applet in $("$bb/rootfs/bin/busybox" --list); do
    [ "$applet" = busybox ] || ln -s busybox "$bb/rootfs/bin/$applet"
done
echo 'root:x:0:0:root:/root:/bin/sh' > "$bb/rootfs/etc/passwd"
# busybox's ping cannot set DF (-M do); iputils' ping (from the image) with its libraries can, and
# /usr/bin comes before /bin in a container's PATH.
mkdir -p "$bb/rootfs/usr/bin"
cp "$root/usr/bin/ping" "$bb/rootfs/usr/bin/ping"
for lib in $(chroot "$root" ldd /usr/bin/ping | awk '$2 == "=>" { print $3 } $1 ~ /^\// { print $1 }'); do
    mkdir -p "$bb/rootfs$(dirname "$lib")"
    cp -L "$root$lib" "$bb/rootfs$lib"
done
tar -C "$bb/rootfs" --numeric-owner -cf "$root/srv/images/busybox.tar" .
rm -rf "$bb"
(cd "$root/srv/repo" && dpkg-scanpackages --multiversion . /dev/null 2>/dev/null > Packages && gzip -9 -k Packages)

# From here on the hosts' only package source is the repository inside the image.
echo 'deb [trusted=yes] file:/srv/repo ./' > "$root/etc/apt/sources.list"
rm -rf "$root"/var/lib/apt/lists/*
in_root apt-get -q update >&2
in_root apt-get clean

# Every host gets its own host keys at creation; none may be shared through the image.
rm -f "$root"/etc/ssh/ssh_host_*
rm -f "$root/usr/sbin/policy-rc.d" "$root/etc/resolv.conf"
: > "$root/etc/resolv.conf"
echo "$LAB_STAMP" > "$mnt/stamp"
umount "$root/dev" "$root/proc"
umount "$mnt"
mv -f "$tmp" "$LAB_IMAGE_FILE"
echo "converge-lab: image ready: $LAB_IMAGE_FILE" >&2
