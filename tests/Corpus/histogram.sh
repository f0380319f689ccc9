#!/bin/sh
# Groups the error diagnostics `converge validate` prints across the corpus by cause (names and paths masked),
# most frequent first: the table "What blocks it, by cause" in README.md. Contacts no host.
# Usage: tests/Corpus/histogram.sh [path/to/converge.dll]
set -u
here=$(cd "$(dirname "$0")" && pwd)
dll=${1:-$here/../Engine.Cli.Tests/bin/Debug/net10.0/converge.dll}
for case in "$here"/*/; do
  [ -f "$case/playbook.yml" ] || continue
  (cd "$case" && dotnet "$dll" validate playbook.yml -i inventory.yml 2>&1)
done | grep -E '^[^ ]+:[0-9]+:[0-9]+: error: ' \
  | sed -E 's/^[^ ]+ error: //; s/; modules are:.*//; s/\(looked in [^)]*\)//' \
  | sed -E "s/^task '[^']*'( on [a-z]+)?: //; /^unknown module/!s/'[^']*'/'X'/g; s/^[a-z_.]+\.[a-z_]+: undefined variable/<field>: undefined variable/" \
  | sort | uniq -c | sort -rn
