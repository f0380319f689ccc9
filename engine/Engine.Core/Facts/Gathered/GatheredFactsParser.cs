using System.Globalization;

namespace Converge.Core.Facts.Gathered;

/// <summary>
/// Turns the probe script's sections into Ansible's fact names and values (without the <c>ansible_</c>
/// prefix, as in <c>ansible_facts</c>), following ansible/module_utils/facts in ansible-core 2.14 so a
/// playbook reads the same values under Converge as under Ansible (compared key by key in the tests).
/// </summary>
public static partial class GatheredFactsParser
{
    public static Dictionary<string, object?> Parse(string output, FactSubset subsets)
    {
        var sections = Sections(output);
        var facts = new Dictionary<string, object?>(StringComparer.Ordinal);
        if ((subsets & FactSubset.Platform) != 0)
        {
            Platform(sections, facts);
        }

        if ((subsets & FactSubset.Distribution) != 0)
        {
            Distribution(sections, facts);
        }

        if ((subsets & FactSubset.Lsb) != 0)
        {
            facts["lsb"] = Lsb(sections);
        }

        if ((subsets & FactSubset.Hardware) != 0)
        {
            Memory(Lines(sections, "meminfo"), facts);
            Processors(Lines(sections, "cpuinfo"), facts);
        }

        if ((subsets & FactSubset.Mounts) != 0)
        {
            facts["mounts"] = Mounts(Lines(sections, "mounts"), Lines(sections, "mountinfo"), Lines(sections, "statfs"));
        }

        if ((subsets & FactSubset.Network) != 0)
        {
            Network(sections, facts);
        }

        if ((subsets & FactSubset.Env) != 0)
        {
            facts["env"] = Environment(Lines(sections, "env"));
        }

        if ((subsets & FactSubset.User) != 0)
        {
            User(sections, facts);
        }

        if ((subsets & FactSubset.DateTime) != 0)
        {
            facts["date_time"] = DateTimeFacts(Text(sections, "date").Trim());
        }

        if ((subsets & FactSubset.Python) != 0)
        {
            Python(Lines(sections, "python"), facts);
        }

        if ((subsets & FactSubset.ServiceMgr) != 0)
        {
            facts["service_mgr"] = ServiceManager(Text(sections, "proc1").Trim(), Lines(sections, "init"));
        }

        if ((subsets & FactSubset.PkgMgr) != 0)
        {
            facts["pkg_mgr"] = Lines(sections, "pkg").FirstOrDefault() switch
            {
                "apt-get" => "apt",
                null => "unknown",
                var other => other,
            };
        }

        if ((subsets & FactSubset.Local) != 0)
        {
            facts["local"] = LocalFacts(Text(sections, "local"));
        }

        return facts;
    }

    private static Dictionary<string, string> Sections(string output)
    {
        var sections = new Dictionary<string, string>(StringComparer.Ordinal);
        string? name = null;
        var body = new List<string>();
        foreach (var line in output.Split('\n'))
        {
            if (line.StartsWith("@@", StringComparison.Ordinal) && !line.StartsWith("@@fact ", StringComparison.Ordinal))
            {
                Close();
                name = line[2..].Trim();
                body.Clear();
            }
            else if (name is not null)
            {
                body.Add(line);
            }
        }

        Close();
        return sections;

        void Close()
        {
            if (name is not null)
            {
                sections[name] = string.Join('\n', body).TrimEnd('\n');
            }
        }
    }

    private static string Text(Dictionary<string, string> sections, string name) => sections.GetValueOrDefault(name) ?? string.Empty;

    private static List<string> Lines(Dictionary<string, string> sections, string name) =>
        [.. Text(sections, name).Split('\n').Where(l => l.Length > 0)];

    private static void Platform(Dictionary<string, string> sections, Dictionary<string, object?> facts)
    {
        // uname -snrvm: system, nodename, release, version (may hold spaces), machine.
        var words = Text(sections, "uname").Trim().Split(' ');
        if (words.Length < 5)
        {
            return;
        }

        var (system, nodename, kernel, machine) = (words[0], words[1], words[2], words[^1]);
        facts["system"] = system;
        facts["nodename"] = nodename;
        facts["kernel"] = kernel;
        facts["kernel_version"] = string.Join(' ', words[3..^1]);
        facts["machine"] = machine;
        facts["architecture"] = machine;
        facts["hostname"] = nodename.Split('.')[0];

        // socket.getfqdn(): the reverse lookup of the name's address; its first name holding a dot, else its
        // canonical name, else the node name (the probe prints "canonical alias...").
        var names = Text(sections, "fqdn").Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var fqdn = names.FirstOrDefault(n => n.Contains('.', StringComparison.Ordinal)) ?? names.FirstOrDefault() ?? nodename;
        facts["fqdn"] = fqdn;
        facts["domain"] = fqdn.Contains('.', StringComparison.Ordinal) ? fqdn[(fqdn.IndexOf('.', StringComparison.Ordinal) + 1)..] : string.Empty;
    }

    private static Dictionary<string, object?> Environment(List<string> lines)
    {
        var env = new Dictionary<string, object?>(StringComparer.Ordinal);
        string? last = null;
        foreach (var line in lines)
        {
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && line[..equals].All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                last = line[..equals];
                env[last] = line[(equals + 1)..];
            }
            else if (last is not null)
            {
                // A value with a newline continues on the next line.
                env[last] = env[last] + "\n" + line;
            }
        }

        return env;
    }

    private static void Python(List<string> lines, Dictionary<string, object?> facts)
    {
        if (lines.Count < 3)
        {
            return;
        }

        var v = lines[1].Split(' ');
        var (major, minor, micro, serial) = (long.Parse(v[0], CultureInfo.InvariantCulture), long.Parse(v[1], CultureInfo.InvariantCulture),
            long.Parse(v[2], CultureInfo.InvariantCulture), long.Parse(v[4], CultureInfo.InvariantCulture));
        facts["python"] = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["executable"] = lines[0],
            ["has_sslcontext"] = true,
            ["type"] = lines[2],
            ["version"] = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["major"] = major, ["minor"] = minor, ["micro"] = micro, ["releaselevel"] = v[3], ["serial"] = serial,
            },
            ["version_info"] = new List<object?> { major, minor, micro, v[3], serial },
        };
        facts["python_version"] = $"{major}.{minor}.{micro}";
    }

    /// <summary>ansible/module_utils/facts/system/service_mgr.py for Linux hosts.</summary>
    private static string ServiceManager(string proc1, List<string> init)
    {
        var name = Path.GetFileName(proc1).Trim();
        if (name.Length > 0 && name != "init" && !name.EndsWith("sh", StringComparison.Ordinal))
        {
            return name switch
            {
                "procd" => "openwrt_init",
                "runit-init" => "runit",
                "svscan" => "svc",
                "openrc-init" => "openrc",
                _ => name,
            };
        }

        bool Has(string what) => init.Contains(what);
        if (Has("systemctl") && (Has("/run/systemd/system") || Has("/dev/.run/systemd") || Has("/dev/.systemd")))
        {
            return "systemd";
        }

        if (Has("initctl") && Has("/etc/init"))
        {
            return "upstart";
        }

        if (Has("/sbin/openrc"))
        {
            return "openrc";
        }

        if (init.Count > 0 && init[0].EndsWith("systemd", StringComparison.Ordinal))
        {
            return "systemd";
        }

        return Has("/etc/init.d") ? "sysvinit" : "service";
    }
}
