using System.Net;
using System.Net.Sockets;

namespace Converge.Modules.Mesh;

/// <summary>docker0 addresses, fixed-cidr slices, MTU and Docker's TCP exposure.</summary>
internal sealed partial class MeshLayoutBuilder
{
    /// <summary>
    /// Host i gets the (i+1)th address of the pool (172.17.42.1, .2, ... as in the seed) unless its
    /// <c>mesh_bridge_address</c> says otherwise; an override does not shift the other hosts.
    /// </summary>
    private List<uint> AssignBridgeAddresses()
    {
        var pool = definition.BridgePool;
        var addresses = new List<uint>();
        for (var i = 0; i < members.Count; i++)
        {
            var member = members[i];
            if (member.Variables.TryGetValue(BridgeAddressVar, out var value) && value is not null)
            {
                if (Ipv4Cidr.TryParseAddress(value.ToString(), out var address))
                {
                    addresses.Add(address);
                    continue;
                }

                Error(originOf(member.Name, BridgeAddressVar), $"mesh: {BridgeAddressVar} '{value}' of host {member.Name} is not an IPv4 address");
            }
            else if ((ulong)pool.Network + 1 + (ulong)i >= pool.Last)
            {
                Error(DefinitionSpan, $"mesh.bridge_pool: {pool} has {Math.Max(0, (long)pool.Size - 2)} usable addresses but group {definition.Group} has {members.Count} hosts");
            }

            addresses.Add((uint)(pool.Network + 1 + i));
        }

        return addresses;
    }

    private List<Ipv4Cidr?> AssignSlices(IReadOnlyList<uint> bridgeAddresses)
    {
        var network = definition.DockerNetwork;
        var slices = new Ipv4Cidr?[members.Count];
        for (var i = 0; i < members.Count; i++)
        {
            if (members[i].Variables.TryGetValue(SliceVar, out var value) && value is not null)
            {
                if (Ipv4Cidr.TryParse(value.ToString(), out var slice, out var problem))
                {
                    slices[i] = slice;
                }
                else
                {
                    Error(originOf(members[i].Name, SliceVar), $"mesh: {SliceVar} of host {members[i].Name}: {problem}");
                }
            }
        }

        var needed = slices.Count(s => s is null);
        if (needed == 0)
        {
            return [.. slices];
        }

        // Blocks holding the bridge pool, a bridge address or a host's own slice are not handed out: the seed
        // skips 172.17.0.0/18 because 172.17.42.x lives there, which gives 172.17.64.0/18, .128, .192.
        var reserved = new List<Ipv4Cidr> { definition.BridgePool };
        reserved.AddRange(bridgeAddresses.Select(a => new Ipv4Cidr(a, 32)));
        reserved.AddRange(slices.Where(s => s is not null).Select(s => s!.Value));
        List<Ipv4Cidr> Free(int prefix) => [.. Blocks(network, prefix).Where(b => !reserved.Any(r => r.Overlaps(b)))];

        int prefix;
        if (definition.SlicePrefix is { } fixedPrefix)
        {
            prefix = fixedPrefix;
            if (prefix <= network.Prefix)
            {
                Error(DefinitionSpan, $"mesh.slice: /{prefix} slices do not fit in docker_network {network}; each host needs a part of it (e.g. slice: {network.Prefix + 2})");
                return [.. slices];
            }
        }
        else
        {
            // auto: the largest equal slices that fit the hosts.
            prefix = Enumerable.Range(network.Prefix + 1, Math.Max(0, 31 - network.Prefix)).FirstOrDefault(p => Free(p).Count >= needed, 31);
        }

        var free = Free(prefix);
        if (free.Count < needed)
        {
            Error(DefinitionSpan,
                $"mesh.slice: group {definition.Group} has {needed} hosts that need a /{prefix} slice of docker_network {network}, but only {free.Count} are free "
                + $"({Blocks(network, prefix).Count()} in all, minus those holding the bridge pool {definition.BridgePool}); use a smaller slice (e.g. slice: {prefix + (int)Math.Ceiling(Math.Log2((double)needed / Math.Max(1, free.Count)))}) or slice: auto");
        }

        var next = 0;
        return [.. slices.Select(s => s ?? (next < free.Count ? free[next++] : null))];
    }

    private static IEnumerable<Ipv4Cidr> Blocks(Ipv4Cidr network, int prefix)
    {
        if (prefix < network.Prefix || prefix > 32)
        {
            yield break;
        }

        var size = 1UL << (32 - prefix);
        for (ulong start = network.Network; start <= network.Last; start += size)
        {
            yield return new Ipv4Cidr((uint)start, prefix);
        }
    }

    private void CheckAddresses(IReadOnlyList<uint> bridgeAddresses, IReadOnlyList<Ipv4Cidr?> slices)
    {
        var network = definition.DockerNetwork;
        for (var i = 0; i < members.Count; i++)
        {
            var name = _names[i];
            var address = Ipv4Cidr.Format(bridgeAddresses[i]);
            if (!network.Contains(bridgeAddresses[i]))
            {
                Error(SpanOf(name, BridgeAddressVar), $"mesh: the bridge address {address} of host {name} is outside docker_network {network}");
            }

            for (var j = 0; j < i; j++)
            {
                if (bridgeAddresses[j] == bridgeAddresses[i])
                {
                    Error(SpanOf(name, BridgeAddressVar), $"mesh: hosts {_names[j]} and {name} have the same bridge address {address}");
                }
            }

            if (slices[i] is not { } slice)
            {
                continue;
            }

            if (!network.Contains(slice))
            {
                Error(SpanOf(name, SliceVar), $"mesh: the slice {slice} of host {name} is outside docker_network {network}");
            }

            for (var j = 0; j < i; j++)
            {
                if (slices[j] is { } other && other.Overlaps(slice))
                {
                    Error(SpanOf(name, SliceVar), $"mesh: the slices of hosts {_names[j]} ({other}) and {name} ({slice}) overlap; Docker on both would hand out the same container addresses");
                }
            }
        }

        for (var i = 0; i < members.Count; i++)
        {
            for (var j = 0; j < members.Count; j++)
            {
                if (slices[j] is { } slice && slice.Contains(bridgeAddresses[i]))
                {
                    Error(SpanOf(_names[i], BridgeAddressVar),
                        $"mesh: the bridge address {Ipv4Cidr.Format(bridgeAddresses[i])} of host {_names[i]} is inside the slice {slice} of host {_names[j]}, so Docker there may give it to a container");
                }
            }
        }
    }

    private (int Mtu, string Reason) ComputeMtu(IReadOnlyList<IPAddress?> underlay)
    {
        var ipv6 = underlay.Any(a => a?.AddressFamily == AddressFamily.InterNetworkV6);
        var ip = ipv6 ? ("IPv6", 40) : ("IPv4", 20);
        var (overhead, parts) = definition.Tunnel switch
        {
            // Ethernet over GRE: the inner Ethernet header, the outer IP header and the GRE header (the seed's 14 + 20 + 4 = 38).
            MeshTunnel.Gre when definition.GreKey is not null => (14 + ip.Item2 + 8, $"Ethernet 14 + {ip.Item1} {ip.Item2} + GRE 4 + GRE key 4"),
            MeshTunnel.Gre => (14 + ip.Item2 + 4, $"Ethernet 14 + {ip.Item1} {ip.Item2} + GRE 4"),
            _ => (14 + ip.Item2 + 8 + 8, $"Ethernet 14 + {ip.Item1} {ip.Item2} + UDP 8 + VXLAN 8"),
        };
        var computed = definition.UnderlayMtu - overhead;
        var tunnel = definition.Tunnel == MeshTunnel.Gre ? "GRE" : "VXLAN";
        var reason = $"{computed} = underlay MTU {definition.UnderlayMtu} − {overhead} ({parts})";
        if (definition.Mtu is { } explicitMtu)
        {
            if (explicitMtu > computed)
            {
                Error(DefinitionSpan,
                    $"mesh.mtu: {explicitMtu} is larger than {computed}, the underlay MTU {definition.UnderlayMtu} minus the {tunnel} over {ip.Item1} overhead of {overhead} bytes ({parts}); larger packets would be dropped");
            }

            return (explicitMtu, $"{explicitMtu} (set explicitly; at most {reason})");
        }

        return (computed, reason);
    }

    private List<IReadOnlyList<string>> DockerHosts(IReadOnlyList<uint> bridgeAddresses)
    {
        var result = new List<IReadOnlyList<string>>();
        var tcp = definition.DockerTcp;
        if (tcp is not null && !tcp.Tls && !definition.AllowInsecureTcp && tcp.Bind is "0.0.0.0" or "::" or "[::]" or "*" or "")
        {
            Error(DefinitionSpan,
                $"mesh.docker_tcp: tcp://{tcp.Bind}:{tcp.Port} without TLS lets anyone who reaches port {tcp.Port} on any interface control Docker as root; bind it to the docker0 address (docker_tcp: {{bind: docker0}}) as the seed suggests, set tls: true, or set allow_insecure_tcp: true");
        }

        for (var i = 0; i < members.Count; i++)
        {
            List<string> hosts = ["unix:///var/run/docker.sock"];
            if (tcp is not null)
            {
                var bind = tcp.Bind == "docker0" ? Ipv4Cidr.Format(bridgeAddresses[i]) : tcp.Bind;
                hosts.Add($"tcp://{bind}:{tcp.Port}");
            }

            result.Add(hosts);
        }

        return result;
    }

    private Converge.Core.Diagnostics.SourceSpan SpanOf(string host, string variable) =>
        members.First(m => m.Name == host).Variables.ContainsKey(variable) ? originOf(host, variable) : DefinitionSpan;
}
