using System.Text;

namespace Converge.Lab;

/// <summary>
/// A host's disk: the upper layer of its overlay root, seeded once with what makes it this host
/// (hostname, hosts, its address in /etc/network/interfaces, its own SSH host key, the lab key in
/// root's authorized_keys). Everything else comes from the image until the host changes it.
/// </summary>
public static class LabHostDisk
{
    /// <summary>Creates the disk when missing; returns the host's public SSH key.</summary>
    public static async Task<string> PrepareAsync(string dir, LabHost host, LabState lab, string labPublicKey, CancellationToken ct)
    {
        var upper = Path.Combine(dir, "upper");
        var hostKey = Path.Combine(upper, "etc", "ssh", "ssh_host_ed25519_key");
        if (File.Exists(hostKey + ".pub"))
        {
            return await File.ReadAllTextAsync(hostKey + ".pub", ct);
        }

        Directory.CreateDirectory(Path.Combine(dir, "work"));
        Write(upper, "etc/hostname", host.Name + "\n");
        var hosts = new StringBuilder("127.0.0.1\tlocalhost\n");
        foreach (var other in lab.Hosts)
        {
            hosts.Append(other.Address).Append('\t').Append(other.Name).Append('\n');
        }

        Write(upper, "etc/hosts", hosts.ToString());
        Write(upper, "etc/network/interfaces",
            "# Written by converge lab: this host's address on the lab switch.\n" +
            "auto lo\niface lo inet loopback\n\n" +
            $"auto eth0\niface eth0 inet static\n    address {host.Address}/24\n");
        Write(upper, "etc/ssh/sshd_config.d/converge-lab.conf",
            "# Written by converge lab: one host key per host, generated at lab up.\nHostKey /etc/ssh/ssh_host_ed25519_key\nUseDNS no\n");
        // /root is 0700 in the image; an upper directory's mode wins over the lower one's.
        Directory.CreateDirectory(Path.Combine(upper, "root", ".ssh"), (UnixFileMode)0b111_000_000);
        File.SetUnixFileMode(Path.Combine(upper, "root"), (UnixFileMode)0b111_000_000);
        Write(upper, "root/.ssh/authorized_keys", labPublicKey, (UnixFileMode)0b110_000_000);
        await Machine.RunCheckedAsync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", $"root@{host.Name}", "-f", hostKey], ct);
        return await File.ReadAllTextAsync(hostKey + ".pub", ct);
    }

    private static void Write(string upper, string relative, string content, UnixFileMode? mode = null)
    {
        var path = Path.Combine(upper, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        if (mode is { } m)
        {
            File.SetUnixFileMode(path, m);
        }
    }
}
