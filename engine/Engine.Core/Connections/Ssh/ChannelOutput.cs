namespace Converge.Core.Connections.Ssh;

/// <summary>What one exec channel returned: exit status or signal, raw standard output, standard error, and whether it hit its timeout.</summary>
public sealed record ChannelOutput(int? ExitCode, string? Signal, byte[] Stdout, string Stderr, bool TimedOut);
