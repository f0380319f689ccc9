namespace Converge.Core.Facts;

/// <summary>
/// A path a fact's value depends on, which its probe showed to be canonical (<see cref="IFact.PathsRead"/>).
/// </summary>
/// <param name="Path">A clean absolute path (<see cref="HostPath.IsClean"/>).</param>
/// <param name="IsDirectory">True when it was an existing directory: an entry can then be created in it.</param>
public sealed record PathRead(string Path, bool IsDirectory);
