#!/bin/sh
# Records what Ansible makes of playbook/site.yml on two local hosts h1, h2 (recap, each task's status, files) into
# ansible-result.txt, which ReachabilityDifferentialSpecs compares converge's run with. Rerun after changing playbook/.
here=$(cd "$(dirname "$0")" && pwd)
exec "$here/../Support/record-ansible.sh" --tasks "$here/ansible-result.txt" "$here/playbook/site.yml" h1 h2
