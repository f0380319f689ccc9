namespace Converge.Modules.Npm;

/// <summary>What <c>npm list --json --long</c> (and for <c>latest</c>, <c>npm outdated</c>) reported: installed <c>name</c> and <c>name@version</c> entries, missing or invalid dependencies, outdated packages.</summary>
public sealed record NpmListing(IReadOnlySet<string> Installed, IReadOnlyList<string> Missing, IReadOnlyList<string> Outdated);
