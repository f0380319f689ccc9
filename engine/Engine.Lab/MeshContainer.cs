namespace Converge.Lab;

/// <summary>The demo container on one mesh host: its address on docker0 and the MTU docker0 has.</summary>
public sealed record MeshContainer(string Host, string Address, int Mtu);
