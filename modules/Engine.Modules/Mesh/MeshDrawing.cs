using System.Text;

namespace Converge.Modules.Mesh;

/// <summary>
/// Draws planned meshes for <c>converge graph</c>: hosts with underlay, docker0 address and slice; tunnels
/// by port name; links STP may block dashed; the MTU and how it was computed.
/// </summary>
public static class MeshDrawing
{
    /// <summary>Draws in <c>text</c>, <c>mermaid</c> or <c>dot</c>.</summary>
    public static string Draw(IReadOnlyList<MeshLayout> layouts, string format) => format switch
    {
        "mermaid" => Mermaid(layouts),
        "dot" => Dot(layouts),
        "text" => Text(layouts),
        _ => throw new ArgumentException($"unknown drawing format '{format}'; use text, mermaid or dot", nameof(format)),
    };

    private static string Title(MeshLayout layout)
    {
        var d = layout.Definition;
        var sw = d.Switch == MeshSwitch.Ovs ? (d.Datapath == MeshDatapath.Netdev ? "ovs (netdev)" : "ovs") : "linux-bridge";
        var stp = d.Stp switch { MeshStp.Off => "STP off", MeshStp.Rstp => "RSTP", _ => "STP" };
        return $"mesh {d.Group}: {layout.Hosts.Count} hosts, {sw} + {d.Tunnel.ToString().ToLowerInvariant()}, links {d.Links.ToString().ToLowerInvariant()}, {stp}, "
            + $"docker network {d.DockerNetwork}, MTU {layout.MtuReason}";
    }

    private static string Blockable(MeshLayout layout, MeshLink link) =>
        layout.MayBlock.Contains(link.Number) ? " (STP may block)" : string.Empty;

    private static string Text(IReadOnlyList<MeshLayout> layouts)
    {
        var text = new StringBuilder();
        foreach (var layout in layouts)
        {
            text.AppendLine(Title(layout));
            var width = layout.Hosts.Max(h => h.Name.Length);
            foreach (var host in layout.Hosts)
            {
                var ports = string.Join(", ", host.Ports.Select(p => $"{p.Name}→{p.Peer}"));
                text.AppendLine($"  {host.Name.PadRight(width)}  underlay {host.UnderlayAddress}  {host.DockerBridge} {host.Address}/{host.Prefix}  slice {host.FixedCidr}  ports {(ports.Length == 0 ? "none" : ports)}");
            }

            foreach (var link in layout.Links)
            {
                text.AppendLine($"  {link.PortName(layout.Definition.Tunnel)}: {link}{Blockable(layout, link)}");
            }
        }

        return text.ToString();
    }

    private static string Mermaid(IReadOnlyList<MeshLayout> layouts)
    {
        var text = new StringBuilder("graph LR\n");
        for (var m = 0; m < layouts.Count; m++)
        {
            var layout = layouts[m];
            string Id(string host) => $"m{m}_{layout.Hosts.Select(h => h.Name).ToList().IndexOf(host)}";
            text.AppendLine($"  subgraph mesh{m}[\"{Title(layout).Replace('"', '\'')}\"]");
            foreach (var host in layout.Hosts)
            {
                text.AppendLine($"    {Id(host.Name)}[\"{host.Name}<br/>underlay {host.UnderlayAddress}<br/>{host.DockerBridge} {host.Address}<br/>slice {host.FixedCidr}<br/>MTU {host.Mtu}\"]");
            }

            foreach (var link in layout.Links)
            {
                var edge = layout.MayBlock.Contains(link.Number) ? "-.-" : "---";
                text.AppendLine($"    {Id(link.A)} {edge}|\"{link.PortName(layout.Definition.Tunnel)}{Blockable(layout, link)}\"| {Id(link.B)}");
            }

            text.AppendLine("  end");
        }

        return text.ToString();
    }

    private static string Dot(IReadOnlyList<MeshLayout> layouts)
    {
        var text = new StringBuilder("graph mesh {\n  node [shape=box];\n");
        for (var m = 0; m < layouts.Count; m++)
        {
            var layout = layouts[m];
            text.AppendLine($"  subgraph cluster_{m} {{");
            text.AppendLine($"    label=\"{Escape(Title(layout))}\";");
            foreach (var host in layout.Hosts)
            {
                text.AppendLine($"    \"{Escape(host.Name)}\" [label=\"{Escape(host.Name)}\\nunderlay {host.UnderlayAddress}\\n{host.DockerBridge} {host.Address}\\nslice {host.FixedCidr}\\nMTU {host.Mtu}\"];");
            }

            foreach (var link in layout.Links)
            {
                var style = layout.MayBlock.Contains(link.Number) ? ", style=dashed" : string.Empty;
                text.AppendLine($"    \"{Escape(link.A)}\" -- \"{Escape(link.B)}\" [label=\"{link.PortName(layout.Definition.Tunnel)}{Blockable(layout, link)}\"{style}];");
            }

            text.AppendLine("  }");
        }

        return text.Append("}\n").ToString();
    }

    private static string Escape(string text) => text.Replace("\\", "\\\\").Replace("\"", "\\\"");
}
