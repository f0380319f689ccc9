namespace Converge.Lab;

/// <summary>
/// What the machine needs for a lab: Linux, root, overlayfs, and a few Debian packages. Missing
/// packages are named exactly, or installed with apt when the user asks (<c>--install-deps</c>).
/// </summary>
public static class LabPrerequisites
{
    /// <summary>Each command the lab runs, with the Debian package that ships it.</summary>
    public static IReadOnlyList<(string Command, string Package)> Commands { get; } =
    [
        ("debootstrap", "debootstrap"),
        ("dpkg-scanpackages", "dpkg-dev"),
        ("ip", "iproute2"),
        ("unshare", "util-linux"),
        ("nsenter", "util-linux"),
        ("setsid", "util-linux"),
        ("flock", "util-linux"),
        ("mount", "mount"),
        ("mkfs.ext4", "e2fsprogs"),
        ("ssh", "openssh-client"),
        ("ssh-keygen", "openssh-client"),
        ("chroot", "coreutils"),
        ("gzip", "gzip"),
    ];

    private static readonly string[] ExtraPath = ["/usr/local/sbin", "/usr/sbin", "/sbin"];

    /// <summary>Throws with a clear message unless this is Linux and we are root.</summary>
    public static void EnsurePlatform()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new LabException("converge lab needs Linux: its hosts are Linux namespaces on this machine");
        }

        if (!Environment.IsPrivilegedProcess)
        {
            throw new LabException("converge lab needs root: it creates namespaces, mounts and interfaces (run it with sudo)");
        }

        if (!HasOverlay())
        {
            // A modular kernel registers overlay on first load; a failed modprobe changes nothing.
            try
            {
                System.Diagnostics.Process.Start("modprobe", "overlay")?.WaitForExit(10_000);
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // No modprobe: the check below reports it.
            }

            if (!HasOverlay())
            {
                throw new LabException("converge lab needs overlayfs in the kernel (overlay is missing from /proc/filesystems; try `modprobe overlay`)");
            }
        }
    }

    private static bool HasOverlay() => File.ReadAllText("/proc/filesystems").Contains("overlay", StringComparison.Ordinal);

    /// <summary>The Debian packages whose commands are missing, in a stable order.</summary>
    public static IReadOnlyList<string> MissingPackages()
    {
        var missing = Commands.Where(c => Find(c.Command) is null).Select(c => c.Package).ToList();
        // debootstrap verifies the Debian archive with this keyring; Ubuntu machines lack it by default.
        if (!File.Exists(DebianKeyring))
        {
            missing.Add("debian-archive-keyring");
        }

        return missing.Distinct().Order(StringComparer.Ordinal).ToList();
    }

    public const string DebianKeyring = "/usr/share/keyrings/debian-archive-keyring.gpg";

    public static async Task EnsureAsync(bool installMissing, Action<string> log, CancellationToken ct)
    {
        EnsurePlatform();
        var missing = MissingPackages();
        if (missing.Count == 0)
        {
            return;
        }

        if (!installMissing)
        {
            var commands = Commands.Where(c => missing.Contains(c.Package)).Select(c => c.Command)
                .Concat(missing.Contains("debian-archive-keyring") ? [DebianKeyring] : []);
            throw new LabException(
                $"converge lab needs these Debian packages: {string.Join(' ', missing)} (missing: {string.Join(", ", commands)}). " +
                $"Install them with `apt-get install {string.Join(' ', missing)}` or rerun with --install-deps.");
        }

        log($"installing {string.Join(' ', missing)} with apt-get");
        var env = new Dictionary<string, string?> { ["DEBIAN_FRONTEND"] = "noninteractive" };
        await Machine.RunCheckedAsync("apt-get", ["-q", "update"], ct, env);
        await Machine.RunCheckedAsync("apt-get", ["-q", "-y", "--no-install-recommends", "install", .. missing], ct, env);
    }

    /// <summary>The full path of a command, searching PATH and the sbin directories root uses.</summary>
    public static string? Find(string command)
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries);
        return path.Concat(ExtraPath).Select(dir => Path.Combine(dir, command)).FirstOrDefault(File.Exists);
    }
}
