namespace Converge.Modules.Getent;

/// <summary>What getent(1) printed and its exit code (0 found, 1 bad arguments or database, 2 key not found, 3 no enumeration).</summary>
public sealed record GetentLookup(int ExitCode, string Stdout);
