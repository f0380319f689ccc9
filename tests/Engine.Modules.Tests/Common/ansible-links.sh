#!/bin/sh
# Records what Ansible (2.14, Debian's package) does with symlinks at a destination, the behaviour
# LinkHandlingTests.cs holds Converge to. Run: sh ansible-links.sh > ansible-links.recorded.txt
set -eu
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
t=$d/t
mkdir -p "$t/realdir"
printf 'a=1\n' > "$t/realfile"; printf 'a=1\n' > "$t/realfile2"; printf 'keep\n' > "$t/target"
ln -s realdir "$t/linkdir"; ln -s realfile "$t/replaced"; ln -s realfile "$t/followed"
ln -s realfile2 "$t/linkline"; ln -s target "$t/link"
printf 'hi\n' > "$d/src.txt"
cat > "$d/p.yml" <<YML
- hosts: localhost
  gather_facts: false
  tasks:
    - copy: {src: $d/src.txt, dest: $t/linkdir}
    - copy: {content: "x\n", dest: $t/replaced}
    - copy: {content: "y\n", dest: $t/followed, follow: true}
    - lineinfile: {path: $t/linkline, line: "b=2"}
    - file: {path: $t/link, mode: "0600"}
YML
ansible-playbook -i localhost, -c local "$d/p.yml" >/dev/null
ansible-playbook -i localhost, -c local "$d/p.yml" | grep -o 'changed=[0-9]*' | sed 's/^/rerun: /'
cd "$t"
for f in linkdir replaced followed linkline link; do
  if [ -L "$f" ]; then echo "$f: symlink -> $(readlink "$f")"; else echo "$f: regular file: $(cat "$f" | tr '\n' ' ')"; fi
done
echo "realdir: $(ls realdir | tr '\n' ' ')"
echo "realfile: $(tr '\n' ' ' < realfile)"
echo "realfile2: $(tr '\n' ' ' < realfile2)"
echo "target mode: $(stat -c %a target)"
