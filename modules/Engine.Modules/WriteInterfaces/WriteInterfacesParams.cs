using Converge.Modules.Mesh;

namespace Converge.Modules.WriteInterfaces;

/// <summary>
/// Parameters of <c>write-interfaces</c>. <see cref="Mesh"/> is the host's plan, normally
/// <c>mesh: "{{ mesh_host }}"</c> from the mesh planner; a hand-written mapping with the same keys works too.
/// </summary>
public sealed record WriteInterfacesParams
{
    /// <summary>This host's part of the mesh (see <see cref="MeshHost"/> for the keys).</summary>
    public required MeshHost Mesh { get; init; }

    /// <summary>The file holding the mesh stanzas; the module owns it entirely.</summary>
    public string Path { get; init; } = "/etc/network/interfaces.d/converge-mesh";

    /// <summary>The main file; the module only ensures it sources <see cref="Path"/> and never touches its stanzas.</summary>
    public string InterfacesFile { get; init; } = "/etc/network/interfaces";

    /// <summary>
    /// netdev datapath: the MAC pinned on <c>br-phy</c>. Unset, it is read from
    /// <c>/sys/class/net/&lt;underlay_interface&gt;/address</c> on the host.
    /// </summary>
    public string? UnderlayHwaddr { get; init; }

    /// <summary>
    /// linux-bridge: short kernel STP timers (hello 1, max age 6, forward delay 4, ageing 5), measured to cut
    /// failover from ~50 s to ~14 s (LAB-NOTES).
    /// </summary>
    public bool FastStp { get; init; }

    /// <summary>
    /// Comment out stanzas of the main interfaces file that define interfaces the mesh file manages (with the
    /// netdev layout: the underlay interface, whose address moves to br-phy) instead of failing.
    /// </summary>
    public bool TakeOver { get; init; }
}
