#!/usr/bin/env bash
# Records what Ansible (Debian's ansible-core) gives each host for the magic variables in playbook.yml, run with
# --diff: one line per host, "host JSON", into magic-variables.recorded.txt. MagicVariableSpecs compares converge's.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
ANSIBLE_STDOUT_CALLBACK=minimal ansible-playbook -i "$here/inventory.ini" "$here/playbook.yml" --diff -e "out_dir=$out" >/dev/null
for f in "$out"/*.json; do printf '%s %s\n' "$(basename "$f" .json)" "$(cat "$f")"; done > "$here/magic-variables.recorded.txt"
cat "$here/magic-variables.recorded.txt"
