#!/usr/bin/env python3
"""Differential run of corpus roles: Ansible and Converge, each on a fresh lab host, then compared.

For each role: `converge lab up --image roles` (two fresh hosts from the same image), Debian's
`ansible-playbook` applies the case's playbook.yml to node1 and `converge apply` to node2; then the
hosts are compared (packages, users and groups, files, running services), each tool reruns (nothing
may change) and `converge check` runs against Ansible's host (no drift). Prints one table row per role
and exits 1 if any role differs. Needs root (the lab), Debian's `ansible` package and a built converge.

Usage: tests/Corpus/differential-roles.py [--converge converge.dll] [--lab NAME] [--keep] [ROLE...]
"""

import argparse
import hashlib
import json
import os
import re
import stat
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))

# The roles whose packages the lab's "roles" image holds and that never reach past their lab host.
# Left out: swap (swapon in a lab host would change the machine's swap: hosts share its kernel),
# ntp (ntpd disciplines the machine's clock: no time namespace covers CLOCK_REALTIME), security
# (sets PermitRootLogin no and restarts sshd: the lab reaches hosts as root), and the roles that
# download from the internet (get_url, apt_repository, pip, vendor repositories).
ROLES = ["apache", "clamav", "firewall", "haproxy", "memcached", "nfs", "samba", "redis", "munin-node", "java", "git", "nginx"]

# Extra variables given to both tools, each with its reason. The playbooks are molecule's, which reaches its
# container without SSH; the lab reaches hosts over SSH, which must survive the role for the reruns and check.
EXTRA_VARS = {
    "firewall": ('{"firewall_allowed_tcp_ports": ["9123", "22"]}', "molecule's playbook opens only 9123; 22 keeps the lab's SSH"),
}

# Files whose content differs between two hosts for reasons that are not the role's; their
# existence, type, mode and owner are still compared. Each pattern says why.
CONTENT_MASKS = [
    (r"^etc/hostname$", "the lab names each host"),
    (r"^etc/ssh/ssh_host_", "the lab gives each host its own SSH host key"),
    (r"^etc/network/interfaces$", "the lab writes each host's own address"),
    (r"^var/cache/ldconfig/aux-cache$", "ldconfig's cache records files' inodes and times"),
    (r"^var/log/", "logs carry timestamps and the tools' command lines"),
    (r"^var/cache/apt/(src)?pkgcache\.bin$", "apt's binary cache embeds file times"),
    (r"^var/cache/debconf/[a-z]+\.dat-old$", "debconf's backup of the previous state, order of writes"),
    (r"^var/lib/dpkg/(status|diversions|statoverride)-old$", "dpkg's backup of the previous state"),
    (r"^var/lib/apt/lists/", "apt's lists carry the time they were fetched"),
    (r"^etc/ssl/private/ssl-cert-snakeoil\.key$|^etc/ssl/certs/ssl-cert-snakeoil\.pem$", "ssl-cert makes a random key at install"),
    (r"\.tdb$|\.ldb$", "samba's databases hold random secrets and times"),
    (r"^var/lib/redis/dump\.rdb$", "redis's snapshot records the time it was saved"),
    (r"^var/cache/fontconfig/", "fontconfig's caches record the fonts' directory times"),
    (r"^etc/ssl/certs/java/cacerts$", "keytool stamps each keystore entry with the time it was added"),
    (r"^var/lib/clamav/freshclam\.dat$", "freshclam's state holds a random install UUID and the times of its attempts"),
]

# Paths no comparison looks at: the tools' own traces on the host, and files a daemon writes on its own timer.
IGNORED = [
    (r"^root/\.ansible(/|$)", "Ansible's remote temporary directory"),
    (r"(^|/)__pycache__(/|$)", "bytecode Python writes when Ansible's modules import system libraries"),
    (r"^var/lib/converge(/|$)", "Converge's run lock and pending-handler journal on the host"),
    (r"^var/log/(wtmp|btmp|lastlog)$", "sshd's login records of the tools' own connections"),
    (r"^var/cache/samba/browse\.dat$", "nmbd writes its browse list on its own timer"),
]


def run(args, cwd=None, env=None, check=False):
    started = time.monotonic()
    proc = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True)
    if check and proc.returncode != 0:
        sys.exit(f"differential-roles: {' '.join(args)} failed ({proc.returncode}):\n{proc.stdout}{proc.stderr}")
    return proc, time.monotonic() - started


class Lab:
    def __init__(self, converge, name):
        self.converge, self.name = converge, name
        self.dir = f"/var/lib/converge/lab/{name}"
        self.inventory = f"{self.dir}/hosts.yml"

    def cli(self, *args, check=True):
        return run([*converge_command(self.converge), *args], check=check)[0]

    def up(self):
        self.cli("lab", "down", "--name", self.name, check=False)
        self.cli("lab", "up", "--name", self.name, "--hosts", "2", "--image", "roles")

    def down(self):
        self.cli("lab", "down", "--name", self.name, check=False)

    def console(self, host, command):
        return self.cli("lab", "console", host, "--name", self.name, "--", "sh", "-c", command).stdout

    def upper(self, host):
        return f"{self.dir}/hosts/{host}/upper"


def masked(path, patterns):
    return next((why for pattern, why in patterns if re.search(pattern, path)), None)


def files(upper):
    """What the host changed against the image: its overlay upper layer, entry by entry."""
    entries = {}
    for root, dirs, names in os.walk(upper):
        for name in dirs + names:
            full = os.path.join(root, name)
            path = os.path.relpath(full, upper)
            if masked(path, IGNORED):
                continue
            st = os.lstat(full)
            if stat.S_ISREG(st.st_mode):
                kind, content = "file", hashlib.sha256(open(full, "rb").read()).hexdigest()
            elif stat.S_ISLNK(st.st_mode):
                kind, content = "link", os.readlink(full)
            elif stat.S_ISCHR(st.st_mode) and st.st_rdev == 0:
                kind, content = "deleted", ""
            elif stat.S_ISDIR(st.st_mode):
                kind, content = "dir", ""
            else:
                kind, content = "other", ""
            if masked(path, CONTENT_MASKS):
                content = "(masked)"
            mode = "" if kind == "link" else oct(stat.S_IMODE(st.st_mode))
            entries[path] = (kind, mode, st.st_uid, st.st_gid, content)
    return entries


def snapshot(lab, host):
    return {
        "packages": sorted(lab.console(host, "dpkg-query -W -f='${binary:Package} ${Version} ${db:Status-Abbrev}\\n'").splitlines()),
        "users": sorted(lab.console(host, "getent passwd; getent group").splitlines()),
        # Running services: user and command line. Not the role's: ssh sessions, this listing itself, and the
        # jobs cron starts on the clock (cron.daily at 06:25 runs apt-compat, which sleeps a random time).
        "services": sorted(l for l in lab.console(host, "ps -e -o user=,args=").splitlines()
                           if not re.search(r"sshd: root@|\bps -e -o|^root +sh -c |/usr/sbin/CRON|run-parts|/etc/cron\.|cron\.daily|^root +sleep \d+$", l)),
        "files": files(lab.upper(host)),
    }


def differences(a, b):
    """Each aspect's differences as short lines (Ansible's host '<', Converge's '>')."""
    out = {}
    for aspect in ("packages", "users", "services"):
        sa, sb = set(a[aspect]), set(b[aspect])
        out[aspect] = [f"< {x}" for x in sorted(sa - sb)] + [f"> {x}" for x in sorted(sb - sa)]
    fa, fb = a["files"], b["files"]
    out["files"] = [f"{p}: ansible {fa.get(p)} converge {fb.get(p)}" for p in sorted(set(fa) | set(fb)) if fa.get(p) != fb.get(p)]
    return out


def extra_vars(case):
    given = EXTRA_VARS.get(os.path.basename(case))
    return ["-e", given[0]] if given else []


def ansible(case, lab, host):
    """ansible-playbook with its json callback: the recap's counts and the tasks that changed or failed."""
    env = dict(os.environ, ANSIBLE_ROLES_PATH=f"{case}/roles", ANSIBLE_STDOUT_CALLBACK="json", ANSIBLE_RETRY_FILES_ENABLED="0")
    proc, seconds = run(["ansible-playbook", "-i", lab.inventory, "-l", host, *extra_vars(case), "playbook.yml"], cwd=case, env=env)
    try:
        data = json.loads(proc.stdout[proc.stdout.index("{"):])
    except ValueError:
        return {"ok": 0, "changed": 0, "failed": 1, "seconds": seconds, "error": (proc.stdout + proc.stderr)[-1500:], "pending": []}
    stats = data["stats"].get(host, {})
    results = [(t["task"]["name"], t["hosts"].get(host, {})) for play in data["plays"] for t in play["tasks"]]
    failure = [f"{name}: {r.get('msg', '')}" for name, r in results if r.get("failed") and not r.get("ignore_errors")]
    return {"ok": stats.get("ok", 0) - stats.get("changed", 0), "changed": stats.get("changed", 0),
            "failed": stats.get("failures", 0) + stats.get("unreachable", 0), "seconds": seconds, "error": "\n".join(failure),
            "pending": [name for name, r in results if r.get("changed")]}


def converge_command(path):
    """A converge.dll runs under dotnet; anything else (the native build) is the program itself."""
    return ["dotnet", path] if path.endswith(".dll") else [path]


def converge(case, lab, host, verb="apply"):
    with tempfile.NamedTemporaryFile(suffix=".json") as report:
        proc, seconds = run([*converge_command(lab.converge), verb, "playbook.yml", "-i", lab.inventory, "--limit", host, *extra_vars(case), "--report", report.name], cwd=case)
        try:
            data = json.load(open(report.name))
            if os.environ.get("DIFFERENTIAL_KEEP_REPORTS"):
                json.dump(data, open(os.path.join(os.environ["DIFFERENTIAL_KEEP_REPORTS"], f"{os.path.basename(case)}-{host}-{verb}-{time.time():.0f}.json"), "w"), indent=1)
        except (OSError, ValueError):
            return {"ok": 0, "changed": 0, "failed": 1, "seconds": seconds, "exit": proc.returncode, "error": (proc.stdout + proc.stderr)[-1500:]}
    counts = data["hosts"].get(host, {})
    failure = [f"{t['task']}: {t.get('message', '')}" for t in data["tasks"] if t["status"] == "failed"]
    pending = [t["task"] for t in data["tasks"] if t["status"] == "changed"]
    return {"ok": counts.get("ok", 0), "changed": counts.get("changed", 0), "failed": counts.get("failed", 0) + int(bool(counts.get("unreachable"))),
            "seconds": seconds, "exit": proc.returncode, "error": "\n".join(failure), "pending": pending}


def role(name, lab, details):
    case = os.path.join(HERE, name)
    lab.up()
    try:
        a1 = ansible(case, lab, "node1")
        c1 = converge(case, lab, "node2")
        diff = differences(snapshot(lab, "node1"), snapshot(lab, "node2"))
        a2 = ansible(case, lab, "node1")
        c2 = converge(case, lab, "node2")
        check = converge(case, lab, "node1", "check")
    finally:
        if not details.keep:
            lab.down()
    row = {
        "role": name, "ansible": a1, "converge": c1, "diff": diff,
        "rerun_ansible": a2, "rerun_converge": c2, "check": check,
    }
    row["same"] = all(not lines for lines in diff.values()) and a1["failed"] == c1["failed"] == 0
    row["idempotent"] = a2["changed"] == 0 and c2["changed"] == 0 and a2["failed"] == c2["failed"] == 0
    row["no_drift"] = check["exit"] == 0 and check["failed"] == 0
    return row


def mark(lines):
    return "same" if not lines else f"{len(lines)} diff"


def print_row(row):
    a, c, a2, c2, ch, d = row["ansible"], row["converge"], row["rerun_ansible"], row["rerun_converge"], row["check"], row["diff"]
    tool = lambda r: f"{r['changed']}/{r['ok']}" + (f" failed {r['failed']}" if r["failed"] else "")
    drift = "no drift" if row["no_drift"] else f"exit {ch['exit']}: {len(ch.get('pending', []))} pending"
    print(f"| {row['role']} | {tool(a)} | {tool(c)} | {mark(d['packages'])} | {mark(d['files'])} | {mark(d['users'])} | {mark(d['services'])} "
          f"| {a2['changed']} / {c2['changed']} | {drift} | {a['seconds']:.0f} s | {c['seconds']:.0f} s |", flush=True)


def print_details(row):
    for label, run_ in (("ansible", row["ansible"]), ("converge", row["converge"]), ("ansible rerun", row["rerun_ansible"]),
                        ("converge rerun", row["rerun_converge"]), ("converge check on Ansible's host", row["check"])):
        if run_.get("error"):
            print(f"  {row['role']}: {label} failed:\n    " + run_["error"].replace("\n", "\n    "))
    for label, key in (("ansible", "ansible"), ("converge", "converge"), ("ansible rerun", "rerun_ansible"), ("converge rerun", "rerun_converge")):
        if row[key].get("pending"):
            print(f"  {row['role']}: {label} changed: {', '.join(row[key]['pending'])}")
    if row["check"].get("pending"):
        print(f"  {row['role']}: check on Ansible's host, pending: {', '.join(row['check']['pending'])}")
    for aspect, lines in row["diff"].items():
        for line in lines[:40]:
            print(f"  {row['role']} {aspect}: {line}")
        if len(lines) > 40:
            print(f"  {row['role']} {aspect}: ... {len(lines) - 40} more")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--converge", default=os.path.join(REPO, "engine/Engine.Cli/bin/Debug/net10.0/converge.dll"))
    parser.add_argument("--lab", default="rolesdiff", help="the lab's name (taken down and brought up per role)")
    parser.add_argument("--keep", action="store_true", help="leave the last role's lab up to look at it")
    parser.add_argument("--json", help="also write the rows as JSON to this file")
    parser.add_argument("roles", nargs="*", default=ROLES)
    args = parser.parse_args()
    if os.geteuid() != 0:
        sys.exit("differential-roles: needs root (lab hosts are namespaces)")
    lab = Lab(os.path.abspath(args.converge), args.lab)
    started = time.monotonic()
    print("| role | Ansible changed/ok | Converge changed/ok | packages | files | users | services | rerun changed (A / C) | check on Ansible's host | Ansible | Converge |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    rows = []
    for name in args.roles:
        rows.append(role(name, lab, args))
        print_row(rows[-1])
    print()
    for row in rows:
        print_details(row)
    agree = sum(r["same"] and r["idempotent"] and r["no_drift"] for r in rows)
    print(f"\n{agree}/{len(rows)} roles: same packages, files, users and services; both reruns change nothing; no drift on Ansible's host "
          f"({time.monotonic() - started:.0f} s)")
    if args.json:
        with open(args.json, "w") as out:
            json.dump(rows, out, indent=1, default=list)
    return 0 if agree == len(rows) else 1


if __name__ == "__main__":
    sys.exit(main())
