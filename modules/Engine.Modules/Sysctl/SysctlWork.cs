namespace Converge.Modules.Sysctl;

/// <summary>What a sysctl check found to do: the file's new text (null when the file is right) and whether to set the live value.</summary>
public sealed record SysctlWork(string? FileText, bool SetLive);
