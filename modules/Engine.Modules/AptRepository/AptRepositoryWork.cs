namespace Converge.Modules.AptRepository;

/// <summary>The files an apt_repository check found to change: path → new text (null: remove the file).</summary>
public sealed record AptRepositoryWork(IReadOnlyDictionary<string, string?> Files);
