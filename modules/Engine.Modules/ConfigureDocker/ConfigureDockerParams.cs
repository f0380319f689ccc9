namespace Converge.Modules.ConfigureDocker;

/// <summary>
/// Parameters of <c>configure-docker</c>: the daemon settings the mesh needs, written as
/// <c>/etc/docker/daemon.json</c> or as the seed's <c>/etc/default/docker</c>. With the mesh planner:
/// <c>bridge: docker0</c>, <c>fixed_cidr: "{{ mesh_host.fixed_cidr }}"</c>, <c>mtu: "{{ mesh_host.mtu }}"</c>,
/// <c>hosts: "{{ mesh_host.docker_hosts }}"</c>.
/// </summary>
public sealed record ConfigureDockerParams
{
    /// <summary><c>daemon-json</c>, <c>default-file</c>, or <c>auto</c>: daemon.json under systemd (whose units ignore DOCKER_OPTS), the default file otherwise.</summary>
    public string Format { get; init; } = "auto";

    /// <summary>The bridge Docker attaches containers to (<c>--bridge</c>), defined by the interfaces file.</summary>
    public string? Bridge { get; init; }

    /// <summary>The address Docker gives a bridge it creates itself (<c>--bip</c>); Docker refuses it together with <see cref="Bridge"/>.</summary>
    public string? Bip { get; init; }

    /// <summary>This host's slice of the bridge network for container addresses (<c>--fixed-cidr</c>).</summary>
    public string? FixedCidr { get; init; }

    public int? Mtu { get; init; }

    /// <summary>Listeners (<c>-H</c>): <c>unix://...</c>, <c>tcp://ADDRESS:PORT</c>, <c>fd://</c>.</summary>
    public IReadOnlyList<string> Hosts { get; init; } = [];

    /// <summary>Accept a TCP listener on all interfaces without TLS (root for anyone who reaches the port).</summary>
    public bool AllowInsecureTcp { get; init; }

    /// <summary>More daemon.json keys (<c>registry-mirrors</c>, <c>dns</c>, <c>tlsverify</c>, ...); daemon-json only.</summary>
    public IReadOnlyDictionary<string, object?> Options { get; init; } = new Dictionary<string, object?>();

    /// <summary>More dockerd flags for DOCKER_OPTS (<c>--dns 192.0.2.53</c>, ...); default-file only.</summary>
    public IReadOnlyList<string> Flags { get; init; } = [];

    /// <summary>default-file: seconds to wait for the bridge's address, one <c>wait_ip</c> call each (the seed's 5 then 15).</summary>
    public IReadOnlyList<int> WaitIp { get; init; } = [5, 15];

    /// <summary>daemon-json: keep keys this task does not set (another tool's or the user's); false removes them.</summary>
    public bool KeepUnmanaged { get; init; } = true;

    public string DaemonJsonPath { get; init; } = "/etc/docker/daemon.json";

    public string DefaultFilePath { get; init; } = "/etc/default/docker";
}
