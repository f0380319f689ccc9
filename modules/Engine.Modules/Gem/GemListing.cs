namespace Converge.Modules.Gem;

/// <summary>
/// What the probe found: RubyGems' version (null when <c>gem --version</c> says something else), whether <c>--norc</c>
/// applies to it, the installed versions of the gem (newest first, as <c>gem query</c> lists them) and, for
/// <c>latest</c>, the versions the source offers.
/// </summary>
public sealed record GemListing(Version? RubyGems, bool Norc, IReadOnlyList<string> Installed, IReadOnlyList<string> Remote);
