#!/bin/sh
# Records what Ansible makes of playbook/site.yml on three local hosts h1..h3 into ansible-result.txt, which
# ControlFlowDifferentialSpecs compares converge's run with. Rerun after changing playbook/.
here=$(cd "$(dirname "$0")" && pwd)
exec "$here/../Support/record-ansible.sh" "$here/ansible-result.txt" "$here/playbook/site.yml" h1 h2 h3
