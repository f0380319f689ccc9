using System.Text;

namespace Converge.Lab;

/// <summary>
/// The inventory <c>lab up</c> writes: YAML in Ansible's format, so both converge and ansible can use
/// it. Host key checking stays on: <c>converge_known_hosts</c> names the known_hosts file holding the
/// hosts' keys (and <c>ansible_ssh_common_args</c> gives it to OpenSSH for Ansible).
/// </summary>
public static class LabInventory
{
    public static string Render(LabState lab, string privateKey, string knownHosts)
    {
        var yaml = new StringBuilder();
        yaml.Append("# Written by `converge lab up --name ").Append(lab.Name).Append("`; removed by `converge lab down --name ").Append(lab.Name).Append("`.\n");
        yaml.Append("all:\n  vars:\n");
        yaml.Append("    ansible_user: root\n");
        yaml.Append("    ansible_ssh_private_key_file: ").Append(privateKey).Append('\n');
        yaml.Append("    converge_known_hosts: ").Append(knownHosts).Append('\n');
        yaml.Append("    ansible_ssh_common_args: \"-o UserKnownHostsFile=").Append(knownHosts).Append(" -o StrictHostKeyChecking=yes\"\n");
        yaml.Append("    converge_lab: ").Append(lab.Name).Append('\n');
        yaml.Append("  children:\n");
        foreach (var group in lab.Hosts.GroupBy(h => h.Group))
        {
            yaml.Append("    ").Append(group.Key).Append(":\n      hosts:\n");
            foreach (var host in group)
            {
                yaml.Append("        ").Append(host.Name).Append(":\n");
                yaml.Append("          ansible_host: ").Append(host.Address).Append('\n');
                yaml.Append("          converge_lab_mac: \"").Append(host.Mac).Append("\"\n");
            }
        }

        return yaml.ToString();
    }

    /// <summary>One known_hosts line per host: name and address, so either finds the key.</summary>
    public static string KnownHostsLine(LabHost host, string publicKey)
    {
        var parts = publicKey.Trim().Split(' ');
        return $"{host.Name},{host.Address} {parts[0]} {parts[1]}";
    }
}
