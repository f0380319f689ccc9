namespace Converge.TestKit;

/// <summary>What one <c>converge</c> process did.</summary>
public sealed record ConvergeOutcome(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}
