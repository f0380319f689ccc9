namespace Converge.Modules.Tests.Mesh;

public sealed class MeshDrawingTests
{
    [Fact]
    public void Text_lists_hosts_slices_tunnels_and_the_link_stp_may_block()
    {
        var (plan, _) = MeshInventory.Seed().Plan();

        var text = plan!.Draw("text");

        Assert.Contains("MTU 1462 = underlay MTU 1500 − 38 (Ethernet 14 + IPv4 20 + GRE 4)", text, StringComparison.Ordinal);
        Assert.Contains("  host1  underlay 192.0.2.1  docker0 172.17.42.1/16  slice 172.17.64.0/18  ports gre1→host2, gre2→host3", text, StringComparison.Ordinal);
        Assert.Contains("  gre1: host1 – host2\n", text, StringComparison.Ordinal);
        Assert.Contains("  gre3: host2 – host3 (STP may block)\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Mermaid_draws_blockable_links_dotted()
    {
        var (plan, _) = MeshInventory.Seed().Plan();

        var mermaid = plan!.Draw("mermaid");

        Assert.StartsWith("graph LR\n", mermaid, StringComparison.Ordinal);
        Assert.Contains("m0_0 ---|\"gre1\"| m0_1", mermaid, StringComparison.Ordinal);
        Assert.Contains("m0_1 -.-|\"gre3 (STP may block)\"| m0_2", mermaid, StringComparison.Ordinal);
        Assert.Contains("m0_0[\"host1<br/>underlay 192.0.2.1<br/>docker0 172.17.42.1<br/>slice 172.17.64.0/18<br/>MTU 1462\"]", mermaid, StringComparison.Ordinal);
    }

    [Fact]
    public void Dot_draws_blockable_links_dashed()
    {
        var (plan, _) = MeshInventory.Seed().Plan();

        var dot = plan!.Draw("dot");

        Assert.StartsWith("graph mesh {", dot, StringComparison.Ordinal);
        Assert.Contains("\"host2\" -- \"host3\" [label=\"gre3 (STP may block)\", style=dashed];", dot, StringComparison.Ordinal);
        Assert.Contains("\"host1\" -- \"host2\" [label=\"gre1\"];", dot, StringComparison.Ordinal);
    }
}
