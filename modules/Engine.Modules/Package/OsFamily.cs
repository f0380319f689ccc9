namespace Converge.Modules.Package;

/// <summary>What <see cref="OsFamilyFact"/> found: Debian-family or not, and the system's name.</summary>
public sealed record OsFamily(bool IsDebian, string Name);
