#!/usr/bin/python3
"""Records Ansible's own rendering of real roles' template files (the template half of the differential corpus).

Run with Debian's python3 that has ansible 2.14 (`/usr/bin/python3 record-templates.py`); it rewrites
templates.recorded.json next to it. The templates are those of the real public roles under tests/Corpus/
(their repository, commit and licence are in tests/Corpus/README.md), each distinct role template once.
Each is rendered as the `template` action renders it (do_template with trim_blocks, trailing newline kept,
no backslash escaping), with the variables a run would give it: the facts in templates.facts.json, the
role's defaults/main.yml, vars/main.yml and vars/Debian.yml, the case playbook's play vars, and the few
values in templates.extra.json that the role's tasks would set (`set_fact`, a loop's `item`). The variables go into the
recording as they are (unrendered), so Converge renders the same input.
"""
import glob
import json
import os
import sys

import yaml
from ansible.parsing.dataloader import DataLoader
from ansible.template import Templar

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", "..", ".."))
CORPUS = os.path.join(ROOT, "tests", "Corpus")


def load_yaml(path):
    if not os.path.exists(path):
        return {}
    with open(path) as f:
        data = yaml.safe_load(f)
    return data if isinstance(data, dict) else {}


def play_vars(case):
    path = os.path.join(CORPUS, case, "playbook.yml")
    if not os.path.exists(path):
        return {}
    with open(path) as f:
        plays = yaml.safe_load(f) or []
    merged = {}
    for play in plays:
        if isinstance(play, dict) and isinstance(play.get("vars"), dict):
            merged.update(play["vars"])
    return merged


def templates():
    seen = set()
    for path in sorted(glob.glob(os.path.join(CORPUS, "*", "roles", "*", "templates", "**", "*.j2"), recursive=True)):
        relative = os.path.relpath(path, CORPUS)
        case, _, role, _, name = relative.split(os.sep, 4)
        if (role, name) in seen:
            continue
        seen.add((role, name))
        yield case, role, relative


def main():
    with open(os.path.join(HERE, "templates.facts.json")) as f:
        facts = json.load(f)
    with open(os.path.join(HERE, "templates.extra.json")) as f:
        extra = json.load(f)
    records = []
    for case, role, relative in templates():
        role_dir = os.path.join(CORPUS, case, "roles", role)
        variables = dict(facts)
        for part in ("defaults/main.yml", "vars/main.yml", "vars/Debian.yml"):
            variables.update(load_yaml(os.path.join(role_dir, part)))
        variables.update(play_vars(case))
        variables.update(extra.get(relative, {}))
        own = {k: v for k, v in variables.items() if k not in facts or facts[k] != v}
        with open(os.path.join(CORPUS, relative)) as f:
            text = f.read()
        templar = Templar(loader=DataLoader(), variables=variables)
        templar = templar.copy_with_new_env(searchpath=[os.path.dirname(os.path.join(CORPUS, relative))], trim_blocks=True, lstrip_blocks=False)
        record = {"path": relative, "vars": own}
        try:
            record["output"] = templar.do_template(text, preserve_trailing_newlines=True, escape_backslashes=False)
        except Exception as error:  # the oracle failed: Converge must fail too
            record["error"] = f"{type(error).__name__}: {error}"
        records.append(record)
    with open(os.path.join(HERE, "templates.recorded.json"), "w") as f:
        json.dump(records, f, indent=1, ensure_ascii=False, default=str)
        f.write("\n")
    failed = sum(1 for r in records if "error" in r)
    print(f"recorded {len(records)} template files ({failed} fail in Ansible too)", file=sys.stderr)
    for r in records:
        if "error" in r:
            print(f"  {r['path']}: {r['error'][:160]}", file=sys.stderr)


if __name__ == "__main__":
    main()
