#!/bin/sh
# Records what Ansible (Debian's ansible 2.14, local connection) makes of a playbook on local hosts, for a differential
# spec that runs converge on the same playbook and compares, so CI needs no Ansible. Writes OUTPUT: each host's recap,
# with --tasks each task's status per host, and every file left under the root (name and content).
# Usage: record-ansible.sh [--tasks] OUTPUT PLAYBOOK HOST...
set -eu
tasks=no
if [ "$1" = --tasks ]; then tasks=yes; shift; fi
output=$1 playbook=$2
shift 2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/root"
for h in "$@"; do echo "$h ansible_connection=local ansible_python_interpreter=/usr/bin/python3"; done > "$work/hosts.ini"
ANSIBLE_NOCOLOR=1 ANSIBLE_LOCAL_TEMP="$work/tmp" ANSIBLE_REMOTE_TEMP="$work/tmp" ANSIBLE_RETRY_FILES_ENABLED=0 \
  ansible-playbook -i "$work/hosts.ini" -e "root=$work/root" "$playbook" > "$work/out.txt" || true
{
  echo "# recap (ansible-playbook $(ansible-playbook --version | head -1 | sed 's/.*core //; s/]//'))"
  sed -n '/^PLAY RECAP/,$p' "$work/out.txt" | grep -E '^h[0-9]' | awk '{ printf "%s", $1; for (i = 3; i <= NF; i++) printf " %s", $i; print "" }'
  if [ "$tasks" = yes ]; then
    # Each task's status per host, as "task HOST STATUS NAME" (role tasks without their "role : " prefix; fact gathering left out).
    awk '/^TASK \[/ { name = $0; sub(/^TASK \[/, "", name); sub(/\] \**$/, "", name); sub(/^[^:]* : /, "", name); next }
         /^(ok|changed|skipping|failed|fatal): \[/ { status = $1; sub(/:$/, "", status); host = $2; gsub(/[\[\]:]/, "", host);
           if (name != "Gathering Facts") print "task " host " " status " " name }' "$work/out.txt"
  fi
  echo "# files"
  (cd "$work/root" && for f in $(ls | sort); do printf '== %s\n' "$f"; cat "$f"; done)
} > "$output"
cat "$output"
