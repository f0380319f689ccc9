namespace Converge.Core.Connections.Ssh;

/// <summary>What the known_hosts file says about the key a server presented, with the entries that decided it.</summary>
public sealed record HostKeyVerdict(HostKeyStatus Status, IReadOnlyList<KnownHostEntry> Evidence);
