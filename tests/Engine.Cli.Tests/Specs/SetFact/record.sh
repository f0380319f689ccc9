#!/usr/bin/env bash
# Records what Ansible (Debian's ansible-core) writes for playbook.yml's set_fact variables: one line per file,
# "name JSON", into set-fact.recorded.txt. SetFactSpecs compares converge's.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
ANSIBLE_STDOUT_CALLBACK=minimal ansible-playbook -i "$here/inventory.ini" "$here/playbook.yml" -e "out_dir=$out" >/dev/null
for f in "$out"/*.json; do printf '%s %s\n' "$(basename "$f" .json)" "$(cat "$f")"; done > "$here/set-fact.recorded.txt"
cat "$here/set-fact.recorded.txt"
