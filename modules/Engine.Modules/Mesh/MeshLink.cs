namespace Converge.Modules.Mesh;

/// <summary>
/// A link between two hosts (<see cref="A"/> comes first in inventory order). Links are numbered once for
/// the whole mesh, so the tunnel port is <c>gre{Number}</c> / <c>vx{Number}</c> on both ends, as the seed
/// requires ("the gre name should match on both hosts"); numbering starts at 1 because <c>gre0</c> is the
/// kernel's fallback device.
/// </summary>
public sealed record MeshLink(int Number, string A, string B)
{
    public string PortName(MeshTunnel tunnel) => (tunnel == MeshTunnel.Gre ? "gre" : "vx") + Number;

    public bool Touches(string host) => A == host || B == host;

    public string Other(string host) => A == host ? B : A;

    public override string ToString() => $"{A} – {B}";
}
