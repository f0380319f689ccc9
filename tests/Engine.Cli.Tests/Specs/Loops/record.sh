#!/usr/bin/env bash
# Records what Ansible (Debian's ansible-core) writes for playbook.yml's loops: one line per file, "name JSON",
# into loops.recorded.txt. LoopSpecs compares converge's.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
ANSIBLE_STDOUT_CALLBACK=minimal ansible-playbook -i "$here/inventory.ini" "$here/playbook.yml" -e "out_dir=$out" >/dev/null
for f in "$out"/*.json; do printf '%s %s\n' "$(basename "$f" .json)" "$(cat "$f")"; done > "$here/loops.recorded.txt"
cat "$here/loops.recorded.txt"
