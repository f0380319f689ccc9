#!/bin/sh
# Records what Ansible (Debian's ansible 2.14, local connection) makes of playbook/site.yml on three hosts h1..h3,
# whose variables give the templated keywords different values: every file left under the root (name and content)
# and each host's recap, into ansible-result.txt. KeywordTemplateDifferentialSpecs runs converge on the same
# playbook and inventory and compares, so CI needs no Ansible. Rerun after changing playbook/ or the inventory below.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/root"
sed 's|$| ansible_python_interpreter=/usr/bin/python3|' "$here/hosts.ini" > "$work/hosts.ini"
ANSIBLE_NOCOLOR=1 ANSIBLE_LOCAL_TEMP="$work/tmp" ANSIBLE_REMOTE_TEMP="$work/tmp" ANSIBLE_RETRY_FILES_ENABLED=0 \
  ansible-playbook -i "$work/hosts.ini" -e "root=$work/root" "$here/playbook/site.yml" > "$work/out.txt" || true
{
  echo "# recap (ansible-playbook $(ansible-playbook --version | head -1 | sed 's/.*core //; s/]//'))"
  sed -n '/^PLAY RECAP/,$p' "$work/out.txt" | grep -E '^h[0-9]' | awk '{ printf "%s", $1; for (i = 3; i <= NF; i++) printf " %s", $i; print "" }'
  echo "# files"
  (cd "$work/root" && for f in $(ls | sort); do printf '== %s\n' "$f"; cat "$f"; done)
} > "$here/ansible-result.txt"
cat "$here/ansible-result.txt"
grep -E "not a valid boolean|FAILED" "$work/out.txt" | cut -c1-200
