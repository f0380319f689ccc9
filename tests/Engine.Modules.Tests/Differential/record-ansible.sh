#!/bin/sh
# Records what Ansible (Debian's ansible 2.14, `ansible-playbook -c local`) makes of files.yml from seed/, into
# ansible-result/ (the files) and ansible-result.modes (each file's mode). FileDifferentialTests compares
# Converge's result with this recording, so CI needs no Ansible. Rerun after changing files.yml or seed/.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -a "$here/seed/." "$work/"
chmod 0644 "$work"/*
ANSIBLE_NOCOLOR=1 ansible-playbook -i 'localhost,' -c local -e "root=$work" -e ansible_python_interpreter=/usr/bin/python3 "$here/files.yml"
rm -rf "$here/ansible-result"
mkdir "$here/ansible-result"
cp "$work"/* "$here/ansible-result/"
(cd "$work" && for f in *; do printf '%s %s\n' "$f" "$(stat -c %a "$f")"; done) > "$here/ansible-result.modes"
