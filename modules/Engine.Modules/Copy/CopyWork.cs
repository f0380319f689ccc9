namespace Converge.Modules.Copy;

/// <summary>What a tree copy's check found for its apply: the paths to create or write, and those whose attributes only differ.</summary>
public sealed record CopyWork(IReadOnlyList<CopyItem> Create, IReadOnlyList<CopyItem> Write, IReadOnlyList<CopyItem> Attributes);
