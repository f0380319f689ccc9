namespace Converge.Lab;

/// <summary>
/// How the lab image is made: a minbase Debian from a mirror, the packages every host has, and the
/// packages (with dependencies) of the offline repository at /srv/repo in the image. Its
/// <see cref="Version"/> changes with any of them or with the build script, which triggers a rebuild.
/// </summary>
public sealed record LabImageRecipe(string Mirror, string Suite, IReadOnlyList<string> Include, IReadOnlyList<string> RepositoryPackages)
{
    /// <summary>Installed in every host; python3 so the inventory `lab up` writes works with Ansible as is.</summary>
    public static IReadOnlyList<string> DefaultInclude { get; } =
        ["openssh-server", "iproute2", "ifupdown", "iputils-ping", "sudo", "procps", "netbase", "kmod", "python3"];

    /// <summary>
    /// In the offline repository, installable with apt on any host without network: the seed's
    /// packages, a container rootfs source, and what docker-mesh.yml's build-deb installs on the
    /// builder (its build_packages).
    /// </summary>
    public static IReadOnlyList<string> DefaultRepositoryPackages { get; } =
    [
        "openvswitch-switch", "bridge-utils", "docker.io", "busybox-static",
        "dpkg-dev", "fakeroot", "build-essential", "debhelper", "autoconf", "automake", "libtool", "bzip2", "libssl-dev", "openssl",
    ];

    public static LabImageRecipe Default(string mirror) => new(mirror, "bookworm", DefaultInclude, DefaultRepositoryPackages);

    public string Version => LabScripts.Sha256(string.Join('\n',
        "recipe 1", Mirror, Suite, string.Join(',', Include), string.Join(' ', RepositoryPackages), LabScripts.Read("scripts/build-image.sh")))[..16];
}
