using System.Text;

namespace Converge.Core.Facts.Gathered;

/// <summary>
/// The probe script that reads the chosen subsets in one shell: each section starts with a line
/// <c>@@name</c>. Small files are read with the shell's own <c>read</c> (no process each); what needs
/// a program (uname, id, date, ip, stat -f, python3) costs one process per subset, so gathering joins
/// the host's first probe batch at a few milliseconds.
/// </summary>
internal static class GatheredFactsScript
{
    private const string Prelude = """
        s() { printf '\n@@%s\n' "$1"; }
        r() { [ -r "$1" ] || return 0; while IFS= read -r l || [ -n "$l" ]; do printf '%s\n' "$l"; done < "$1"; }
        """;

    public static string For(FactSubset subsets)
    {
        var script = new StringBuilder(Prelude).Append('\n');
        void Add(FactSubset subset, string text)
        {
            if ((subsets & subset) != 0)
            {
                script.Append(text).Append('\n');
            }
        }

        Add(FactSubset.Platform, """
            s uname; uname -snrvm
            s fqdn; n=$(uname -n); a=$(getent hosts "$n" 2>/dev/null) && getent hosts "${a%% *}" 2>/dev/null | { read -r ip names; echo "$names"; }
            """);
        // Ansible's Debian version comes from the `distro` library: the host's own (python3-distro) adds
        // /etc/debian_version's point release (12.11), the copy bundled in Ansible does not (12).
        Add(FactSubset.Distribution, "s os-release; r /etc/os-release; s debian_version; r /etc/debian_version; s distro-lib; [ -d /usr/lib/python3/dist-packages/distro ] && echo yes");
        Add(FactSubset.Lsb, "s lsb_release; command -v lsb_release >/dev/null 2>&1 && lsb_release -a 2>/dev/null; s lsb-release; r /etc/lsb-release");
        Add(FactSubset.Hardware, "s meminfo; r /proc/meminfo; s cpuinfo; r /proc/cpuinfo");
        Add(FactSubset.Mounts, """
            s mounts; r /proc/mounts
            s mountinfo; r /proc/self/mountinfo
            s statfs; set --; while read -r dev mnt rest; do case $dev in /*|*:/*) case $mnt in *\\*) mnt=$(printf '%b' "$mnt");; esac; set -- "$@" "$mnt";; esac; done < /proc/mounts; [ $# -gt 0 ] && stat -f -c '%n|%s|%S|%b|%a|%f|%c|%d' "$@" 2>/dev/null
            """);
        Add(FactSubset.Network, """
            s ip-addr; ip -j -d addr show 2>/dev/null
            s route4; ip -4 route get 8.8.8.8 2>/dev/null
            s route6; ip -6 route get 2404:6800:400a:800::1012 2>/dev/null
            """);
        Add(FactSubset.Env, "s env; env");
        Add(FactSubset.User, "s id; id; s passwd; r /etc/passwd");
        Add(FactSubset.DateTime, "s date; date '+%Y|%m|%A|%w|%W|%d|%H|%M|%S|%s|%N|%Z|%z'");
        // Ansible's interpreter discovery picks /usr/bin/python3 on Debian and Ubuntu, whatever PATH says.
        Add(FactSubset.Python, """
            s python; py=/usr/bin/python3; [ -x $py ] || py=$(command -v python3) && $py -c 'import sys, ssl; v = sys.version_info; print(sys.executable); print(v.major, v.minor, v.micro, v.releaselevel, v.serial); print(sys.implementation.name)' 2>/dev/null
            """);
        Add(FactSubset.ServiceMgr, """
            s proc1; r /proc/1/comm
            s init; [ -L /sbin/init ] && readlink /sbin/init; for p in /run/systemd/system /dev/.run/systemd /dev/.systemd /etc/init /sbin/openrc /etc/init.d; do [ -e "$p" ] && echo "$p"; done; command -v systemctl >/dev/null 2>&1 && echo systemctl; command -v initctl >/dev/null 2>&1 && echo initctl
            """);
        Add(FactSubset.PkgMgr, "s pkg; for p in apt-get dnf yum zypper apk pacman; do command -v $p >/dev/null 2>&1 && echo $p; done");
        Add(FactSubset.Local, """
            s local; for f in /etc/ansible/facts.d/*.fact; do [ -f "$f" ] || continue; if [ -x "$f" ]; then printf '@@fact %s json\n' "$f"; "$f" 2>/dev/null; else printf '@@fact %s text\n' "$f"; r "$f"; fi; done
            """);
        script.Append("exit 0\n");
        return script.ToString();
    }
}
