namespace Converge.Modules.GetUrl;

/// <summary>What the check of <c>get_url</c> found for its apply: the resolved file, and whether it must be downloaded.</summary>
public sealed record GetUrlWork(string Dest, bool Download);
