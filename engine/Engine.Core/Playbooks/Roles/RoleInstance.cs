namespace Converge.Core.Playbooks.Roles;

/// <summary>A role as a play uses it: its name, its folder, and the variables it brings.</summary>
public sealed record RoleInstance(string Name, string Path)
{
    /// <summary><c>defaults/main.yml</c> (or <c>defaults_from</c>): the lowest precedence.</summary>
    public IReadOnlyDictionary<string, object?> Defaults { get; init; } = new Dictionary<string, object?>();

    /// <summary><c>vars/main.yml</c> (or <c>vars_from</c>): above play vars.</summary>
    public IReadOnlyDictionary<string, object?> Vars { get; init; } = new Dictionary<string, object?>();

    /// <summary>The folders a relative <c>src</c> is looked up in first: the role's <c>templates/</c>, <c>files/</c> and the role itself.</summary>
    public IEnumerable<string> SearchDirectories(string kind) => [System.IO.Path.Combine(Path, kind), Path];
}
