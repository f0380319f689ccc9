namespace Converge.Core.Playbooks;

/// <summary>
/// Maps the names Ansible accepts for a module onto Converge's: <c>ansible.builtin.X</c> and
/// <c>ansible.legacy.X</c> for every module, and <c>community.general.X</c>/<c>ansible.posix.X</c> for the
/// ones Converge implements under the short name (Ansible's collections resolve the same way).
/// </summary>
public static class ModuleNames
{
    private static readonly string[] Prefixes = ["ansible.builtin.", "ansible.legacy.", "community.general.", "ansible.posix."];

    /// <summary>The short name when <paramref name="name"/> is a collection name of a known module, else the name as written.</summary>
    public static string Resolve(string name, IReadOnlyCollection<string> known)
    {
        foreach (var prefix in Prefixes)
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal) && known.Contains(name[prefix.Length..]))
            {
                return name[prefix.Length..];
            }
        }

        return name;
    }

    /// <summary>The name without a collection prefix Ansible resolves (<c>ansible.builtin.yum</c> → <c>yum</c>), to say why a refused module is refused.</summary>
    public static string WithoutPrefix(string name) =>
        Prefixes.FirstOrDefault(p => name.StartsWith(p, StringComparison.Ordinal)) is { } prefix ? name[prefix.Length..] : name;

    /// <summary>The short name for a structural keyword written with a collection prefix (<c>ansible.builtin.import_tasks</c>).</summary>
    public static string Short(string name) =>
        name.StartsWith("ansible.builtin.", StringComparison.Ordinal) ? name["ansible.builtin.".Length..]
        : name.StartsWith("ansible.legacy.", StringComparison.Ordinal) ? name["ansible.legacy.".Length..]
        : name;
}
