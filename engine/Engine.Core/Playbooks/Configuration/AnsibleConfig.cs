namespace Converge.Core.Playbooks.Configuration;

/// <summary>
/// The settings Converge takes from Ansible's <c>ansible.cfg</c> (section <c>[defaults]</c>): where roles and the
/// inventory are. Found as Ansible finds it: <c>$ANSIBLE_CONFIG</c>, then <c>./ansible.cfg</c>, then
/// <c>~/.ansible.cfg</c>; the first that exists is the only one read. Relative paths in it are relative to its folder.
/// </summary>
public sealed record AnsibleConfig(string? Path, IReadOnlyList<string> RolesPath, IReadOnlyList<string> Inventory)
{
    public static AnsibleConfig None { get; } = new(null, [], []);

    public static AnsibleConfig Find(string workingDirectory, Func<string, string?> environment)
    {
        var home = environment("HOME");
        var candidates = new[]
        {
            environment("ANSIBLE_CONFIG"),
            System.IO.Path.Combine(workingDirectory, "ansible.cfg"),
            home is null ? null : System.IO.Path.Combine(home, ".ansible.cfg"),
        };
        var path = candidates.OfType<string>().FirstOrDefault(File.Exists);
        return path is null ? None : Read(path);
    }

    public static AnsibleConfig Read(string path)
    {
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        var section = string.Empty;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                section = line[1..^1].Trim();
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (section == "defaults" && equals > 0)
            {
                values[line[..equals].Trim()] = line[(equals + 1)..].Trim();
            }
        }

        return new AnsibleConfig(path, Paths(values, "roles_path", directory), Paths(values, "inventory", directory));
    }

    /// <summary>A colon- (roles_path) or comma-separated (inventory) list, <c>~</c> expanded, made absolute against the file's folder.</summary>
    private static List<string> Paths(Dictionary<string, string> values, string key, string directory) =>
        values.TryGetValue(key, out var value)
            ? [.. value.Split(key == "inventory" ? ',' : ':', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(p => p.StartsWith('~') ? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) + p[1..] : p)
                .Select(p => System.IO.Path.GetFullPath(p, directory))]
            : [];
}
