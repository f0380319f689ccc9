namespace Converge.Core.Reporting;

/// <summary>The recap of one host.</summary>
public sealed record HostSummary(string Host, int Ok, int Changed, int Failed, int Skipped, bool Unreachable);
