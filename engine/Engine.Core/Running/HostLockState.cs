namespace Converge.Core.Running;

/// <summary>What taking the host's run lock gave (<see cref="HostLockFact"/>): the status and, when held, who holds it.</summary>
internal sealed record HostLockState(HostLockStatus Status, string Detail);
