namespace Converge.Lab;

/// <summary>
/// How the lab image is made: a minbase Debian from a mirror, the packages every host has, and the
/// packages (with dependencies) of the offline repository at /srv/repo in the image. Its
/// <see cref="Version"/> changes with any of them or with the build script, which triggers a rebuild.
/// Each <see cref="Name"/> is an image of its own in the cache, so a bigger image for one purpose
/// (the roles of the differential corpus run) never grows or rebuilds the default one.
/// </summary>
public sealed record LabImageRecipe(string Mirror, string Suite, IReadOnlyList<string> Include, IReadOnlyList<string> RepositoryPackages, string Name = LabImageRecipe.DefaultName)
{
    public const string DefaultName = "default";

    public const string RolesName = "roles";

    /// <summary>The image names <c>lab up --image</c> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = [DefaultName, RolesName];

    /// <summary>Installed in every host; python3 so the inventory `lab up` writes works with Ansible as is.</summary>
    public static IReadOnlyList<string> DefaultInclude { get; } =
        ["openssh-server", "iproute2", "ifupdown", "iputils-ping", "sudo", "procps", "netbase", "kmod", "python3"];

    /// <summary>
    /// In the offline repository, installable with apt on any host without network: the seed's
    /// packages, a container rootfs source, what docker-mesh.yml's build-deb installs on the
    /// builder (its build_packages), and curl (what a host downloads URLs with: get_url, apt_key).
    /// </summary>
    public static IReadOnlyList<string> DefaultRepositoryPackages { get; } =
    [
        "openvswitch-switch", "bridge-utils", "docker.io", "busybox-static", "curl",
        "dpkg-dev", "fakeroot", "build-essential", "debhelper", "autoconf", "automake", "libtool", "bzip2", "libssl-dev", "openssl",
    ];

    /// <summary>
    /// Added to the default repository in the "roles" image: what the corpus roles that the
    /// differential run applies install (tests/Corpus/differential-roles.sh), so no role needs a network.
    /// </summary>
    public static IReadOnlyList<string> RolesRepositoryPackages { get; } =
    [
        "apache2", "apache2-utils", "haproxy", "memcached", "samba", "samba-common", "nfs-common", "nfs-kernel-server", "iptables",
        "clamav", "clamav-base", "clamav-daemon", "clamav-freshclam", "git", "redis-server", "munin-node", "netcat-traditional", "nginx",
        "openjdk-17-jdk",
    ];

    public static LabImageRecipe Default(string mirror) => new(mirror, "bookworm", DefaultInclude, DefaultRepositoryPackages);

    /// <summary>The recipe named <paramref name="name"/> (one of <see cref="Names"/>).</summary>
    public static LabImageRecipe Named(string name, string mirror) => name switch
    {
        DefaultName => Default(mirror),
        // python3-apt installed as in the images the roles are tested on (Ansible's apt module needs it
        // and would otherwise install it on one host only).
        RolesName => Default(mirror) with
        {
            Include = [.. DefaultInclude, "python3-apt"],
            RepositoryPackages = [.. DefaultRepositoryPackages, .. RolesRepositoryPackages],
            Name = RolesName,
        },
        _ => throw new LabException($"there is no lab image named '{name}': use one of {string.Join(", ", Names)}"),
    };

    public string Version => LabScripts.Sha256(string.Join('\n',
        "recipe 1", Mirror, Suite, string.Join(',', Include), string.Join(' ', RepositoryPackages), LabScripts.Read("scripts/build-image.sh")))[..16];
}
