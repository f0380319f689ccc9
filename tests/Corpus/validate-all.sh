#!/bin/sh
# Runs `converge validate` on every corpus case and prints which load; contacts no host.
# Usage: tests/Corpus/validate-all.sh [path/to/converge.dll]
set -u
here=$(cd "$(dirname "$0")" && pwd)
dll=${1:-$here/../Engine.Cli.Tests/bin/Debug/net10.0/converge.dll}
total=0; loads=0
for case in "$here"/*/; do
  [ -f "$case/playbook.yml" ] || continue
  total=$((total + 1))
  if out=$(cd "$case" && dotnet "$dll" validate playbook.yml -i inventory.yml 2>&1); then
    loads=$((loads + 1)); echo "loads  $(basename "$case")"
  else
    echo "fails  $(basename "$case"): $(printf '%s\n' "$out" | grep -m1 'error:')"
  fi
done
echo "playbooks that load: $loads/$total"
