using Converge.TestKit;

namespace Converge.Cli.Tests.Support;

/// <summary>What one measured converge process did, and the most memory it held at once.</summary>
internal sealed record MeasuredOutcome(ConvergeOutcome Outcome, long PeakBytes)
{
    public override string ToString() => $"{Outcome}\n--- peak RSS {PeakBytes / (1024 * 1024)} MB";
}
