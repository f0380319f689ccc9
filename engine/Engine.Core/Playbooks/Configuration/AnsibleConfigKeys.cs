using System.Globalization;

namespace Converge.Core.Playbooks.Configuration;

/// <summary>
/// What each <c>ansible.cfg</c> key becomes in Converge: a setting, a host default, or a warning that names it.
/// <c>host_key_checking = False</c> is one such warning: Converge keeps verifying SSH host keys
/// (<c>--accept-new-host-keys</c> trusts and records unknown ones, never changed ones).
/// </summary>
internal static class AnsibleConfigKeys
{
    public static AnsibleConfig Apply(AnsibleConfig config, Dictionary<(string Section, string Key), (string Value, int Line)> values, string directory)
    {
        var defaults = new Dictionary<string, object?>(StringComparer.Ordinal);
        var warnings = new List<(int, string)>();
        int? forks = null;
        int? timeout = null;
        foreach (var ((section, key), (value, line)) in values.OrderBy(v => v.Value.Line))
        {
            switch (section, key)
            {
                case ("defaults", "roles_path" or "inventory"):
                    break;
                case ("defaults", "remote_user"):
                    defaults["ansible_user"] = value;
                    break;
                case ("defaults", "private_key_file"):
                    defaults["ansible_ssh_private_key_file"] = FullPath(value, directory);
                    break;
                case ("defaults", "forks"):
                    forks = Number(value, key, line, 1, warnings);
                    break;
                case ("defaults", "timeout"):
                    timeout = Number(value, key, line, 1, warnings);
                    break;
                case ("defaults", "host_key_checking"):
                    if (!Truthy(value))
                    {
                        warnings.Add((line, "host_key_checking = False is not honoured: Converge always verifies SSH host keys (give --accept-new-host-keys to trust and record unknown ones)"));
                    }

                    break;
                case ("privilege_escalation", "become"):
                    defaults["ansible_become"] = Truthy(value);
                    break;
                case ("privilege_escalation", "become_user"):
                    defaults["ansible_become_user"] = value;
                    break;
                case ("privilege_escalation", "become_method"):
                    if (!value.Equals("sudo", StringComparison.OrdinalIgnoreCase))
                    {
                        warnings.Add((line, $"become_method = {value} is not honoured: Converge becomes another user with sudo"));
                    }

                    break;
                default:
                    warnings.Add((line, $"[{section}] {key} is not used by Converge"));
                    break;
            }
        }

        return config with { HostDefaults = defaults, Forks = forks, Timeout = timeout, Warnings = warnings };
    }

    public static string FullPath(string path, string directory) =>
        System.IO.Path.GetFullPath(path.StartsWith('~') ? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) + path[1..] : path, directory);

    /// <summary>Ansible's boolean spellings in ansible.cfg (yes/no, true/false, on/off, 1/0).</summary>
    private static bool Truthy(string value) => value.ToLowerInvariant() is "true" or "yes" or "on" or "1" or "y" or "t";

    private static int? Number(string value, string key, int line, int minimum, List<(int, string)> warnings)
    {
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= minimum)
        {
            return number;
        }

        warnings.Add((line, $"{key} = {value} is not a whole number of at least {minimum}; ignored"));
        return null;
    }
}
