namespace Converge.Core.Playbooks.Configuration;

/// <summary>
/// The settings Converge takes from Ansible's <c>ansible.cfg</c>. Found as Ansible finds it: <c>$ANSIBLE_CONFIG</c>,
/// then <c>./ansible.cfg</c>, then <c>~/.ansible.cfg</c>; the first that exists is the only one read. Relative paths
/// in it are relative to its folder. What it sets for connections (<c>remote_user</c>, <c>private_key_file</c>,
/// <c>become*</c>) are host defaults below the inventory's variables and below play and task keywords, as in Ansible;
/// every key Converge does not act on is named in <see cref="Warnings"/>, never silently dropped.
/// </summary>
public sealed record AnsibleConfig(string? Path, IReadOnlyList<string> RolesPath, IReadOnlyList<string> Inventory)
{
    public static AnsibleConfig None { get; } = new(null, [], []);

    /// <summary><c>[defaults] forks</c>: hosts worked on at once, when <c>--forks</c> is not given.</summary>
    public int? Forks { get; init; }

    /// <summary><c>[defaults] timeout</c>: seconds to wait for an SSH connection, when <c>--connect-timeout</c> is not given.</summary>
    public int? Timeout { get; init; }

    /// <summary>Host variables the file implies (<c>ansible_user</c>, <c>ansible_ssh_private_key_file</c>, <c>ansible_become*</c>), lowest precedence.</summary>
    public IReadOnlyDictionary<string, object?> HostDefaults { get; init; } = new Dictionary<string, object?>();

    /// <summary>What the file sets that Converge does not act on, each with its line: printed as warnings.</summary>
    public IReadOnlyList<(int Line, string Message)> Warnings { get; init; } = [];

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
        var values = new Dictionary<(string Section, string Key), (string Value, int Line)>();
        var number = 0;
        foreach (var raw in File.ReadLines(path))
        {
            number++;
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

            var equals = line.IndexOfAny(['=', ':']);
            if (equals > 0)
            {
                values[(section, line[..equals].Trim())] = (line[(equals + 1)..].Trim(), number);
            }
        }

        return AnsibleConfigKeys.Apply(new AnsibleConfig(path, Paths(values, "roles_path", directory), Paths(values, "inventory", directory)), values, directory);
    }

    /// <summary>A colon- (roles_path) or comma-separated (inventory) list, <c>~</c> expanded, made absolute against the file's folder.</summary>
    private static List<string> Paths(Dictionary<(string, string), (string Value, int Line)> values, string key, string directory) =>
        values.TryGetValue(("defaults", key), out var value)
            ? [.. value.Value.Split(key == "inventory" ? ',' : ':', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(p => AnsibleConfigKeys.FullPath(p, directory))]
            : [];
}
