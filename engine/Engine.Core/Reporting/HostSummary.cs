namespace Converge.Core.Reporting;

/// <summary>The recap of one host; <paramref name="Rescued"/> and <paramref name="Ignored"/> count failures a block rescued or <c>ignore_errors</c> let pass, as Ansible's recap does.</summary>
public sealed record HostSummary(string Host, int Ok, int Changed, int Failed, int Skipped, bool Unreachable, int Rescued = 0, int Ignored = 0);
