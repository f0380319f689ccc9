namespace Converge.Modules.Mesh;

/// <summary>Link layouts, symmetry, connectivity and the STP rule.</summary>
internal sealed partial class MeshLayoutBuilder
{
    private IReadOnlyList<MeshLink> ExpandLinks()
    {
        var pairs = new List<(int A, int B)>();
        var n = _names.Count;
        switch (definition.Links)
        {
            case MeshLinkLayout.Full:
                for (var i = 0; i < n; i++)
                {
                    for (var j = i + 1; j < n; j++)
                    {
                        pairs.Add((i, j));
                    }
                }

                break;
            case MeshLinkLayout.Ring:
                for (var i = 0; i + 1 < n; i++)
                {
                    pairs.Add((i, i + 1));
                }

                if (n >= 3)
                {
                    pairs.Add((0, n - 1));
                }

                break;
            case MeshLinkLayout.Star:
                var hub = definition.Hub is null ? 0 : _names.IndexOf(definition.Hub);
                if (hub < 0)
                {
                    Error(DefinitionSpan, $"mesh.hub: {definition.Hub} is not in group {definition.Group} (hosts: {HostList()})");
                    break;
                }

                pairs.AddRange(Enumerable.Range(0, n).Where(i => i != hub).Select(i => (hub, i)));
                break;
            case MeshLinkLayout.Explicit:
                pairs.AddRange(ListedPairs());
                break;
        }

        // Numbering by host order (not by how the layout listed them) makes port names canonical: a ring of
        // three and a full mesh of three give the seed's gre1/gre2 on host1 either way.
        return [.. pairs.Select(p => (A: Math.Min(p.A, p.B), B: Math.Max(p.A, p.B)))
            .Distinct()
            .OrderBy(p => p.A).ThenBy(p => p.B)
            .Select((p, i) => new MeshLink(i + 1, _names[p.A], _names[p.B]))];
    }

    private IEnumerable<(int A, int B)> ListedPairs()
    {
        var pairs = new List<(int, int)>();
        var seen = new HashSet<(int, int)>();
        IEnumerable<(string A, string B)> listed = definition.LinkPairs;
        if (definition.LinkAdjacency is { } adjacency)
        {
            foreach (var (host, peers) in adjacency)
            {
                foreach (var peer in peers.Where(p => !adjacency.TryGetValue(p, out var back) || !back.Contains(host)))
                {
                    Error(DefinitionSpan, $"mesh.links: {host} lists {peer} as a peer but {peer} does not list {host}; links must be symmetric");
                }
            }

            listed = adjacency.SelectMany(p => p.Value.Select(peer => (p.Key, peer)));
        }

        foreach (var (a, b) in listed)
        {
            var ia = KnownHost(a, a, b);
            var ib = KnownHost(b, a, b);
            if (ia < 0 || ib < 0)
            {
                continue;
            }

            if (ia == ib)
            {
                Error(DefinitionSpan, $"mesh.links: link {a} – {b} joins a host to itself");
                continue;
            }

            var key = (Math.Min(ia, ib), Math.Max(ia, ib));
            if (!seen.Add(key) && definition.LinkAdjacency is null)
            {
                Error(DefinitionSpan, $"mesh.links: link {a} – {b} is listed twice");
                continue;
            }

            pairs.Add(key);
        }

        return pairs;
    }

    private int KnownHost(string name, string a, string b)
    {
        var index = _names.IndexOf(name);
        if (index < 0)
        {
            Error(DefinitionSpan, $"mesh.links: link {a} – {b} names {name}, which is not in group {definition.Group} (hosts: {HostList()})");
        }

        return index;
    }

    /// <summary>
    /// Checks that the links connect every host and that a cycle has STP; returns the numbers of the links
    /// outside a breadth-first spanning tree from the first host: those STP may block (the actual root is
    /// the bridge with the lowest ID, which only the running switches know).
    /// </summary>
    private HashSet<int> CheckTopology(IReadOnlyList<MeshLink> links)
    {
        var adjacency = _names.ToDictionary(n => n, _ => new List<MeshLink>(), StringComparer.Ordinal);
        foreach (var link in links)
        {
            adjacency[link.A].Add(link);
            adjacency[link.B].Add(link);
        }

        var component = new Dictionary<string, int>(StringComparer.Ordinal);
        var treeLinks = new HashSet<int>();
        var parts = new List<List<string>>();
        foreach (var start in _names.Where(n => !component.ContainsKey(n)))
        {
            var part = new List<string> { start };
            component[start] = parts.Count;
            var queue = new Queue<string>([start]);
            while (queue.TryDequeue(out var host))
            {
                foreach (var link in adjacency[host])
                {
                    var other = link.Other(host);
                    if (component.TryAdd(other, parts.Count))
                    {
                        treeLinks.Add(link.Number);
                        part.Add(other);
                        queue.Enqueue(other);
                    }
                }
            }

            parts.Add(part);
        }

        if (parts.Count > 1)
        {
            var described = string.Join(" and ", parts.Select(p => "{" + string.Join(", ", p) + "}"));
            Error(DefinitionSpan, $"mesh.links: the links do not connect every host: {described} have no link between them");
        }

        var mayBlock = links.Select(l => l.Number).Where(n => !treeLinks.Contains(n)).ToHashSet();
        if (mayBlock.Count > 0 && definition.Stp == MeshStp.Off)
        {
            var cycle = FindCycle(links.First(l => mayBlock.Contains(l.Number)), links, treeLinks);
            Error(DefinitionSpan,
                $"mesh.stp: the links form a cycle ({string.Join(" – ", cycle)}) and stp is off, so broadcast frames would loop forever; set stp: true (or rstp) or remove a link");
        }

        return mayBlock;
    }

    /// <summary>The cycle a non-tree link closes: the tree path between its ends, then the link itself.</summary>
    private List<string> FindCycle(MeshLink closing, IReadOnlyList<MeshLink> links, HashSet<int> treeLinks)
    {
        var tree = links.Where(l => treeLinks.Contains(l.Number)).ToList();
        var previous = new Dictionary<string, string?>(StringComparer.Ordinal) { [closing.A] = null };
        var queue = new Queue<string>([closing.A]);
        while (queue.TryDequeue(out var host) && host != closing.B)
        {
            foreach (var next in tree.Where(l => l.Touches(host)).Select(l => l.Other(host)).Where(o => !previous.ContainsKey(o)))
            {
                previous[next] = host;
                queue.Enqueue(next);
            }
        }

        var path = new List<string>();
        for (string? at = closing.B; at is not null; at = previous[at])
        {
            path.Add(at);
        }

        // Start the cycle at the first host in inventory order, so the message reads like the inventory.
        var start = path.IndexOf(path.MinBy(_names.IndexOf)!);
        List<string> cycle = [.. path.Skip(start), .. path.Take(start)];
        cycle.Add(cycle[0]);
        return cycle;
    }

    private string HostList() => string.Join(", ", _names);
}
