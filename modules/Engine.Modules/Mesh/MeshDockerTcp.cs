namespace Converge.Modules.Mesh;

/// <summary>
/// Docker's TCP API exposure: <see cref="Bind"/> is <c>docker0</c> (the host's docker0 address, as the seed
/// suggests), an address, or <c>0.0.0.0</c>; without TLS anyone who reaches the port is root on the host.
/// </summary>
public sealed record MeshDockerTcp(string Bind, int Port, bool Tls);
