namespace Converge.Modules.ConfigureDocker;

/// <summary>What check computed for apply: the file to write and its content.</summary>
public sealed record ConfigureDockerState(string Path, string Content);
