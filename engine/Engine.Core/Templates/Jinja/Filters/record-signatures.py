#!/usr/bin/python3
"""Records the Python signature of every filter and test of Ansible 2.14 (Jinja's and Ansible's own, as
Ansible's Templar loads them) into signatures.txt, one per line: "filter NAME PARAM...", where PARAM is a
required positional name, "name=" an optional one, "name=kw" keyword-only, "*name" and "**name" the catch-alls.
The input value (the left of "|" or "is") is left out. Converge checks each call's arguments against it
(PythonSignature), so a call Ansible refuses is refused here too, before any host is contacted.
Run with Debian's python3 and ansible-core: /usr/bin/python3 record-signatures.py
"""
import os
import inspect, jinja2
from ansible.template import Templar
from ansible.parsing.dataloader import DataLoader
t = Templar(loader=DataLoader())
env = t.environment
out=[]
def sig(kind, name, f):
    # Ansible wraps some str methods (split, ...) as functools.partial(unicode_wrap, str.method): read the method.
    if getattr(f, "func", None) is not None and getattr(f.func, "__name__", "") == "unicode_wrap" and f.args:
        f = f.args[0]
    try:
        s = inspect.signature(f)
    except (TypeError, ValueError):
        return None
    params = list(s.parameters.values())
    # drop context/environment/eval_ctx passed by jinja
    if getattr(f, 'jinja_pass_arg', None) is not None and params:
        params = params[1:]
    if params and params[0].kind != params[0].VAR_POSITIONAL: params = params[1:]   # the input value
    elif params: params = [params[0].replace(name="input_and_args")] + params[1:]
    parts=[]
    for p in params:
        if p.kind == p.VAR_POSITIONAL: parts.append('*'+p.name)
        elif p.kind == p.VAR_KEYWORD: parts.append('**'+p.name)
        elif p.kind == p.KEYWORD_ONLY: parts.append(p.name+'=kw' )
        elif p.default is p.empty: parts.append(p.name)
        else: parts.append(p.name+'=')
    return f"{kind} {name} {' '.join(parts)}".rstrip()
for n in sorted(env.filters): 
    r=sig('filter',n,env.filters[n]); 
    if r: out.append(r)
for n in sorted(env.tests):
    r=sig('test',n,env.tests[n]);
    if r: out.append(r)
from ansible.plugins.loader import filter_loader, test_loader
have=set((x.split()[0], x.split()[1]) for x in out)
extra=[]
for kind, loader in (('filter', filter_loader), ('test', test_loader)):
    for plugin in loader.all():
        name = plugin.ansible_name.split('.')[-1]
        if (kind, name) in have: continue
        r = sig(kind, name, plugin.j2_function)
        if r: extra.append(r); have.add((kind, name))
out.extend(extra)
here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "signatures.txt"), "w") as f:
    f.write("\n".join(sorted(out)) + "\n")
