namespace Converge.Modules.BuildDeb;

/// <summary>What <see cref="BuildSourceFact"/> read on the build host: the source tree's hash (for <c>src</c>) and the last build's stamp.</summary>
public sealed record BuildHostState(string? SourceSha256, BuildStamp? Stamp);
