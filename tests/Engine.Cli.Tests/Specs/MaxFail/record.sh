#!/usr/bin/env bash
# Records which files Ansible (Debian's ansible-core) writes for limit-40.yml and limit-50.yml: one line per
# playbook, "name file...", into max-fail.recorded.txt. MaxFailPercentageSpecs compares converge's.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
: > "$here/max-fail.recorded.txt"
for limit in 40 50; do
  out=$(mktemp -d)
  ANSIBLE_STDOUT_CALLBACK=minimal ansible-playbook -i "$here/inventory.ini" "$here/limit-$limit.yml" -e "out_dir=$out" >/dev/null 2>&1
  printf 'limit-%s %s\n' "$limit" "$(cd "$out" && ls | tr '\n' ' ' | sed 's/ $//')" >> "$here/max-fail.recorded.txt"
  rm -rf "$out"
done
cat "$here/max-fail.recorded.txt"
