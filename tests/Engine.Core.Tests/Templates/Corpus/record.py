#!/usr/bin/python3
"""Records Ansible's own rendering of the differential corpus (ansible-core's Templar, the oracle).

Run with Debian's python3 that has ansible 2.14 and python3-netaddr (for ansible.utils' address filters)
(`/usr/bin/python3 record.py`); it rewrites
expressions.recorded.json next to it. Each line of expressions.txt is one template string rendered
as a task value (Templar.template); '#' lines name the source of what follows; a two-character \\n stands for a newline.
"""
import json
import os
import sys

from ansible.parsing.dataloader import DataLoader
from ansible.template import Templar

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    with open(os.path.join(HERE, "vars.json")) as f:
        variables = json.load(f)
    templar = Templar(loader=DataLoader(), variables=variables)
    records = []
    with open(os.path.join(HERE, "expressions.txt")) as f:
        for line in f:
            text = line.rstrip("\n").replace("\\n", "\n")
            if not text or text.startswith("#"):
                continue
            try:
                value = templar.template(text)
                kind = "str" if isinstance(value, str) else type(value).__name__
                records.append({"template": text, "type": kind, "repr": repr(str(value) if isinstance(value, str) else value)})
            except Exception as error:  # the oracle failed: Converge must fail too
                records.append({"template": text, "error": type(error).__name__})
    with open(os.path.join(HERE, "expressions.recorded.json"), "w") as f:
        json.dump(records, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print(f"recorded {len(records)} templates", file=sys.stderr)


if __name__ == "__main__":
    main()
