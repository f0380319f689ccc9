namespace Converge.Modules.Gem;

/// <summary>What the check hands the apply: the probe's listing and the version to install or remove (for <c>latest</c>, the source's newest).</summary>
public sealed record GemWork(GemListing Listing, string? Version);
