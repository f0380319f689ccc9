using System.Globalization;
using Converge.Core.Diagnostics;

namespace Converge.Modules.Mesh;

/// <summary>
/// Reads the <c>mesh</c> mapping (plain values from YAML) into a <see cref="MeshDefinition"/>, reporting
/// every unknown key and bad value at the mapping's span. Unknown keys are errors, as for module params.
/// </summary>
internal sealed partial class MeshDefinitionReader(SourceSpan span, DiagnosticBag diagnostics)
{
    private static readonly string[] Keys =
    [
        "group", "underlay_var", "underlay_mtu", "underlay_interface", "underlay_prefix", "underlay_gateway", "tunnel",
        "switch", "datapath", "links", "hub", "stp", "gre_key", "vni_base", "mtu", "bridge", "docker_bridge",
        "docker_network", "bridge_pool", "slice", "docker_tcp", "allow_insecure_tcp",
    ];

    private bool _failed;

    public MeshDefinition? Read(object? value)
    {
        if (MeshValues.AsMap(value) is not { } map)
        {
            Error($"mesh must be a mapping, not {MeshValues.Describe(value)}");
            return null;
        }

        foreach (var key in map.Keys.Where(k => !Keys.Contains(k, StringComparer.Ordinal)))
        {
            var hint = NameSuggestion.DidYouMean(key, Keys);
            Error(hint.Length > 0
                ? $"mesh: unknown key '{key}'{hint}"
                : $"mesh: unknown key '{key}'; known keys: {string.Join(", ", Keys)}");
        }

        var definition = new MeshDefinition();
        definition = definition with
        {
            Group = Text(map, "group") ?? definition.Group,
            UnderlayVar = Text(map, "underlay_var") ?? definition.UnderlayVar,
            UnderlayMtu = (int?)Number(map, "underlay_mtu", 576, 65535) ?? definition.UnderlayMtu,
            UnderlayInterface = Text(map, "underlay_interface") ?? definition.UnderlayInterface,
            UnderlayPrefix = (int?)Number(map, "underlay_prefix", 1, 128) ?? definition.UnderlayPrefix,
            UnderlayGateway = Text(map, "underlay_gateway"),
            Tunnel = Choice(map, "tunnel", definition.Tunnel, ("gre", MeshTunnel.Gre), ("vxlan", MeshTunnel.Vxlan)),
            Switch = Choice(map, "switch", definition.Switch, ("ovs", MeshSwitch.Ovs), ("linux-bridge", MeshSwitch.LinuxBridge)),
            Datapath = Choice(map, "datapath", definition.Datapath, ("system", MeshDatapath.System), ("netdev", MeshDatapath.Netdev)),
            Hub = Text(map, "hub"),
            Stp = ReadStp(map),
            GreKey = Number(map, "gre_key", 0, uint.MaxValue),
            VniBase = (int?)Number(map, "vni_base", 1, 16_000_000) ?? definition.VniBase,
            Mtu = (int?)Number(map, "mtu", 576, 65535),
            Bridge = Text(map, "bridge") ?? definition.Bridge,
            DockerBridge = Text(map, "docker_bridge") ?? definition.DockerBridge,
            DockerNetwork = Cidr(map, "docker_network") ?? definition.DockerNetwork,
            BridgePool = Cidr(map, "bridge_pool") ?? definition.BridgePool,
            SlicePrefix = ReadSlice(map, definition.SlicePrefix),
            DockerTcp = ReadDockerTcp(map),
            AllowInsecureTcp = Flag(map, "allow_insecure_tcp") ?? false,
        };
        definition = ReadLinks(map, definition);
        return _failed ? null : definition;
    }

    private MeshDefinition ReadLinks(IReadOnlyDictionary<string, object?> map, MeshDefinition definition)
    {
        if (!map.TryGetValue("links", out var links) || links is null)
        {
            return definition;
        }

        if (links is string layout)
        {
            return definition with
            {
                Links = Choice(map, "links", definition.Links, ("ring", MeshLinkLayout.Ring), ("full", MeshLinkLayout.Full), ("star", MeshLinkLayout.Star)),
            };
        }

        if (MeshValues.AsList(links) is { } list)
        {
            var pairs = new List<(string, string)>();
            foreach (var item in list)
            {
                if (MeshValues.AsList(item) is [string a, string b])
                {
                    pairs.Add((a, b));
                }
                else
                {
                    Error($"mesh.links: each listed link must be a pair of host names like [host1, host2], not {MeshValues.Describe(item)}");
                }
            }

            return definition with { Links = MeshLinkLayout.Explicit, LinkPairs = pairs };
        }

        if (MeshValues.AsMap(links) is { } adjacency)
        {
            var peers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            foreach (var (host, value) in adjacency)
            {
                if (MeshValues.AsList(value) is { } names && names.All(n => n is string))
                {
                    peers[host] = [.. names.Cast<string>()];
                }
                else
                {
                    Error($"mesh.links.{host}: expected a list of peer host names, not {MeshValues.Describe(value)}");
                }
            }

            return definition with { Links = MeshLinkLayout.Explicit, LinkAdjacency = peers };
        }

        Error($"mesh.links: expected ring, full, star, a list of host pairs or a mapping of host to peers, not {MeshValues.Describe(links)}");
        return definition;
    }

    private MeshStp ReadStp(IReadOnlyDictionary<string, object?> map)
    {
        if (!map.TryGetValue("stp", out var value) || value is null)
        {
            return MeshStp.Stp;
        }

        switch (value)
        {
            case bool on:
                return on ? MeshStp.Stp : MeshStp.Off;
            case string text when text.Equals("rstp", StringComparison.OrdinalIgnoreCase):
                return MeshStp.Rstp;
            case string text when text.Equals("stp", StringComparison.OrdinalIgnoreCase):
                return MeshStp.Stp;
            default:
                Error($"mesh.stp: expected true, false or rstp, not {MeshValues.Describe(value)}");
                return MeshStp.Stp;
        }
    }

    private int? ReadSlice(IReadOnlyDictionary<string, object?> map, int? fallback)
    {
        if (!map.TryGetValue("slice", out var value) || value is null)
        {
            return fallback;
        }

        var text = Convert.ToString(value, CultureInfo.InvariantCulture)!.TrimStart('/');
        if (text == "auto")
        {
            return null;
        }

        if (int.TryParse(text, out var prefix) && prefix is >= 1 and <= 30)
        {
            return prefix;
        }

        Error($"mesh.slice: expected a prefix length such as 18 (or /18) or auto, not {MeshValues.Describe(value)}");
        return fallback;
    }

    private MeshDockerTcp? ReadDockerTcp(IReadOnlyDictionary<string, object?> map)
    {
        if (!map.TryGetValue("docker_tcp", out var value) || value is null or false)
        {
            return null;
        }

        if (value is string bind)
        {
            return new MeshDockerTcp(bind, 2375, false);
        }

        if (MeshValues.AsMap(value) is { } tcp)
        {
            foreach (var key in tcp.Keys.Where(k => k is not ("bind" or "port" or "tls")))
            {
                Error($"mesh.docker_tcp: unknown key '{key}'; known keys: bind, port, tls");
            }

            return new MeshDockerTcp(Text(tcp, "bind") ?? "docker0", (int?)Number(tcp, "port", 1, 65535) ?? 2375, Flag(tcp, "tls") ?? false);
        }

        Error($"mesh.docker_tcp: expected docker0, an address, or a mapping with bind, port and tls, not {MeshValues.Describe(value)}");
        return null;
    }

    private void Error(string message)
    {
        _failed = true;
        diagnostics.Add(span, message);
    }
}
