#!/usr/bin/python3
"""Ansible's side of the template benchmark (TemplateBenchmark.cs): the same work with ansible-core's Templar.

Usage: template_bench.py CORPUS_DIR REPO_ROOT HOSTS. For each host (its own inventory_hostname and address),
renders every real role template file as the template action does, every corpus expression as a task value,
and every condition as Ansible's Conditional does; prints one JSON line {"renders": N, "seconds": S}.
"""
import json
import os
import sys
import time

from ansible.parsing.dataloader import DataLoader
from ansible.template import Templar


def load(corpus, name):
    with open(os.path.join(corpus, name)) as f:
        return json.load(f)


def main():
    corpus, root, hosts = sys.argv[1], sys.argv[2], int(sys.argv[3])
    facts = load(corpus, "templates.facts.json")
    files = []
    for record in load(corpus, "templates.recorded.json"):
        if "error" in record:
            continue
        with open(os.path.join(root, "tests", "Corpus", record["path"])) as f:
            files.append((record["vars"], f.read()))
    base = load(corpus, "vars.json")
    expressions = [r["template"] for r in load(corpus, "expressions.recorded.json") if "error" not in r]
    conditions = [e[2:-2].strip() for e in expressions if e.startswith("{{") and e.endswith("}}") and e.count("{{") == 1 and "{%" not in e]
    loader = DataLoader()
    renders = 0
    start = time.perf_counter()
    for host in range(hosts):
        name = f"host{host:04d}.example.com"
        address = f"10.{host // 65536 % 256}.{host // 256 % 256}.{host % 256}"
        for own, text in files:
            variables = dict(facts)
            variables.update(own)
            variables["inventory_hostname"] = name
            variables["ansible_default_ipv4"] = dict(facts["ansible_default_ipv4"], address=address)
            templar = Templar(loader=loader, variables=variables)
            templar = templar.copy_with_new_env(trim_blocks=True, lstrip_blocks=False)
            templar.do_template(text, preserve_trailing_newlines=True, escape_backslashes=False)
            renders += 1
        variables = dict(base, inventory_hostname=name, ip=address)
        templar = Templar(loader=loader, variables=variables)
        for expression in expressions:
            templar.template(expression)
            renders += 1
        for condition in conditions:
            try:
                templar.template("{%% if %s %%} True {%% else %%} False {%% endif %%}" % condition)
            except Exception:
                pass
            renders += 1
    seconds = time.perf_counter() - start
    print(json.dumps({"renders": renders, "seconds": seconds, "files": len(files), "expressions": len(expressions), "conditions": len(conditions)}))


if __name__ == "__main__":
    main()
