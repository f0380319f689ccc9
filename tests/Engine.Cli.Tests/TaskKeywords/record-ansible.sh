#!/bin/sh
# Records what Ansible makes of keywords.yml on two local hosts h1, h2 (recap, each task's status, files) into
# ansible-result.txt, which TaskKeywordSpecs compares converge's run with. Rerun after changing keywords.yml.
here=$(cd "$(dirname "$0")" && pwd)
exec "$here/../Support/record-ansible.sh" --tasks "$here/ansible-result.txt" "$here/keywords.yml" h1 h2
