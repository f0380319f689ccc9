namespace Converge.Lab;

/// <summary>
/// One host as <c>lab status</c> sees it. <see cref="State"/>: <c>up</c> (init running),
/// <c>booting</c>, <c>off</c> (halted or stopped), or <c>down</c> (no supervisor).
/// </summary>
public sealed record HostStatus(string Name, string Group, string Address, string State, string? BootId, int? InitPid, bool SshAccepting, string? LastExit);
