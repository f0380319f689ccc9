#!/usr/bin/env bash
# Re-records the output of the real `ansible-inventory` for every case of this corpus.
# Each case is a folder with:
#   inventory/    the inventory files (YAML, INI, group_vars/, host_vars/, ...)
#   sources.txt   one -i argument per line, relative to inventory/
#   hosts.txt     (optional) hosts whose `--host` output is recorded too
# and gets list.json (`ansible-inventory --list`) and host-NAME.json (`--host NAME`).
# It also records `ansible-inventory -i playbooks/inventories/ENV --list` for every environment of the
# repository into playbooks-inventories/ENV.list.json.
# Needs ansible-core; the version used is written to VERSION (see README.md).
set -euo pipefail
cd "$(dirname "$0")"

# No ansible.cfg may change the defaults (no-ansible.cfg is empty), and a source Ansible cannot parse must fail the recording.
unset ANSIBLE_CONFIG
export ANSIBLE_CONFIG="$PWD/no-ansible.cfg"
export ANSIBLE_INVENTORY_UNPARSED_FAILED=True
export ANSIBLE_NOCOLOR=1

ansible-inventory --version | head -n 1 > VERSION

for dir in */; do
    name=${dir%/}
    [ -f "$name/sources.txt" ] || continue
    args=()
    while IFS= read -r source; do
        [ -n "$source" ] && args+=(-i "$name/inventory/$source")
    done < "$name/sources.txt"

    ansible-inventory "${args[@]}" --list > "$name/list.json"
    rm -f "$name"/host-*.json
    if [ -f "$name/hosts.txt" ]; then
        while IFS= read -r host; do
            [ -n "$host" ] && ansible-inventory "${args[@]}" --host "$host" > "$name/host-$host.json"
        done < "$name/hosts.txt"
    fi
    echo "recorded $name"
done

repository=$(cd ../../../.. && pwd)
mkdir -p playbooks-inventories
rm -f playbooks-inventories/*.list.json
if [ -d "$repository/playbooks/inventories" ]; then
    for dir in "$repository"/playbooks/inventories/*/; do
        environment=$(basename "$dir")
        ansible-inventory -i "$dir" --list > "playbooks-inventories/$environment.list.json"
        echo "recorded playbooks/inventories/$environment"
    done
fi
