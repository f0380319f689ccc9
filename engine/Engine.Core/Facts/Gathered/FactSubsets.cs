using System.Text.RegularExpressions;

namespace Converge.Core.Facts.Gathered;

/// <summary>
/// Which subsets to gather: from a <c>gather_subset</c> list (Ansible's names, <c>!</c> to exclude), and —
/// when a play leaves <c>gather_facts</c> at its default — from the fact names its text references.
/// </summary>
public static partial class FactSubsets
{
    private static readonly Dictionary<string, FactSubset> Names = new(StringComparer.Ordinal)
    {
        ["all"] = FactSubset.All, ["min"] = FactSubset.Min, ["hardware"] = FactSubset.Hardware | FactSubset.Mounts,
        ["network"] = FactSubset.Network, ["platform"] = FactSubset.Platform, ["distribution"] = FactSubset.Distribution,
        ["env"] = FactSubset.Env, ["user"] = FactSubset.User, ["date_time"] = FactSubset.DateTime, ["python"] = FactSubset.Python,
        ["service_mgr"] = FactSubset.ServiceMgr, ["pkg_mgr"] = FactSubset.PkgMgr, ["lsb"] = FactSubset.Lsb, ["local"] = FactSubset.Local,
        ["mounts"] = FactSubset.Mounts, ["devices"] = FactSubset.Mounts,

        // Subsets Ansible has and Converge gathers nothing for (virtualization, SELinux, ...): accepted, empty.
        ["virtual"] = FactSubset.None, ["ohai"] = FactSubset.None, ["facter"] = FactSubset.None, ["apparmor"] = FactSubset.None,
        ["caps"] = FactSubset.None, ["chroot"] = FactSubset.None, ["cmdline"] = FactSubset.None, ["dns"] = FactSubset.None,
        ["fips"] = FactSubset.None, ["selinux"] = FactSubset.None, ["ssh_pub_keys"] = FactSubset.None, ["system"] = FactSubset.Platform,
    };

    /// <summary>The names <c>gather_subset</c> accepts, for validation messages.</summary>
    public static IReadOnlyCollection<string> Known => Names.Keys;

    /// <summary>
    /// Ansible's rule (checked against ansible-core 2.14): everything when nothing positive is named, minus the
    /// <c>!</c> ones, plus what is named; <c>min</c> is always included unless <c>!min</c> excludes it.
    /// Null when a name is unknown (<paramref name="unknown"/> names it).
    /// </summary>
    public static FactSubset? Parse(IEnumerable<string> subsets, out string? unknown)
    {
        unknown = null;
        var include = FactSubset.None;
        var exclude = FactSubset.None;
        var positives = 0;
        var excludesMin = false;
        foreach (var raw in subsets.SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var negated = raw.StartsWith('!');
            var name = negated ? raw[1..] : raw;
            if (!Names.TryGetValue(name, out var subset))
            {
                unknown = name;
                return null;
            }

            if (negated)
            {
                exclude |= subset == FactSubset.All ? FactSubset.All & ~FactSubset.Min : subset;
                excludesMin |= name == "min";
            }
            else
            {
                include |= subset;
                positives++;
            }
        }

        // What is named explicitly wins over what is excluded (`!all,!min,user` gathers the user facts).
        var chosen = ((positives == 0 ? FactSubset.All : FactSubset.None) & ~exclude) | include;
        return excludesMin ? chosen : chosen | FactSubset.Min;
    }

    /// <summary>
    /// The subsets some text references: every <c>ansible_NAME</c> and <c>ansible_facts.NAME</c> /
    /// <c>ansible_facts['NAME']</c> maps to the subset that holds NAME; an unknown name is taken for an
    /// interface (<c>ansible_eth0</c>: network); <c>ansible_facts</c> used whole gathers everything, since
    /// which facts it reaches cannot be known.
    /// </summary>
    public static FactSubset Referenced(string text)
    {
        // Every match starts with "ansible_"; a run scans every host's variables, so most texts end here.
        var subsets = FactSubset.None;
        if (!text.Contains("ansible_", StringComparison.Ordinal))
        {
            return subsets;
        }

        foreach (Match match in FactReference().Matches(text))
        {
            var whole = match.Groups["facts"].Success;
            var name = match.Groups["key"].Success ? match.Groups["key"].Value : match.Groups["name"].Value;
            if (whole && !match.Groups["key"].Success)
            {
                return FactSubset.All;
            }

            subsets |= OfFact(name);
        }

        return subsets;
    }

    /// <summary>The subset that holds a fact (its name without <c>ansible_</c>); none for Ansible's other magic variables.</summary>
    public static FactSubset OfFact(string name) => name switch
    {
        "hostname" or "fqdn" or "nodename" or "domain" or "system" or "kernel" or "kernel_version" or "machine" or "architecture" => FactSubset.Platform,
        _ when name.StartsWith("distribution", StringComparison.Ordinal) || name == "os_family" => FactSubset.Distribution,
        "lsb" => FactSubset.Lsb,
        _ when name.StartsWith("mem", StringComparison.Ordinal) || name.StartsWith("swap", StringComparison.Ordinal) || name.StartsWith("processor", StringComparison.Ordinal) => FactSubset.Hardware,
        "mounts" or "devices" => FactSubset.Mounts,
        "env" => FactSubset.Env,
        _ when name.StartsWith("user_", StringComparison.Ordinal) || name.EndsWith("_user_id", StringComparison.Ordinal) || name.EndsWith("_group_id", StringComparison.Ordinal) => FactSubset.User,
        "date_time" => FactSubset.DateTime,
        "python" or "python_version" => FactSubset.Python,
        "service_mgr" => FactSubset.ServiceMgr,
        "pkg_mgr" => FactSubset.PkgMgr,
        "local" => FactSubset.Local,
        _ when IsMagic(name) => FactSubset.None,
        _ => FactSubset.Network,
    };

    /// <summary>Ansible's own <c>ansible_*</c> variables that are not facts (connection, play and loop variables).</summary>
    private static bool IsMagic(string name) =>
        name is "host" or "port" or "user" or "connection" or "password" or "check_mode" or "diff_mode" or "version" or "limit"
            or "run_tags" or "skip_tags" or "forks" or "verbosity" or "loop" or "loop_var" or "index_var" or "search_path" or "parent_role_names"
            or "parent_role_paths" or "role_names" or "dependent_role_names" or "collection_name" or "config_file" or "inventory_sources"
            or "playbook_python" or "shell_type" or "shell_executable" or "private_key_file" or "timeout" or "pipelining"
        || name.StartsWith("become", StringComparison.Ordinal) || name.StartsWith("ssh_", StringComparison.Ordinal)
        || name.StartsWith("play_", StringComparison.Ordinal) || name.StartsWith("failed_", StringComparison.Ordinal)
        || name.StartsWith("python_interpreter", StringComparison.Ordinal) || name.StartsWith("role_", StringComparison.Ordinal);

    [GeneratedRegex(@"\b(?:(?<facts>ansible_facts)\b(?:\s*\.\s*(?<key>\w+)|\s*\[\s*['""](?<key>\w+)['""]\s*\])?|ansible_(?<name>\w+))")]
    private static partial Regex FactReference();
}
