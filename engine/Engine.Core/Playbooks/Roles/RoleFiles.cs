using Converge.Core.Diagnostics;
using Converge.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace Converge.Core.Playbooks.Roles;

/// <summary>Finding a role's folder and its files, as Ansible does.</summary>
internal static class RoleFiles
{
    /// <summary>
    /// The role's folder: <c>roles/NAME</c> beside the playbook, then each <c>roles_path</c> folder, then beside
    /// the playbook itself; a name that is a path (absolute or relative to the playbook) is used as is.
    /// </summary>
    public static string? Locate(string name, string playbookDirectory, IReadOnlyList<string> rolesPath, out IReadOnlyList<string> looked)
    {
        var candidates = new List<string> { Path.Combine(playbookDirectory, "roles", name) };
        candidates.AddRange(rolesPath.Select(p => Path.Combine(Path.GetFullPath(p, playbookDirectory), name)));
        candidates.Add(Path.Combine(playbookDirectory, name));
        if (Path.IsPathRooted(name))
        {
            candidates.Insert(0, name);
        }

        looked = candidates;
        return candidates.Select(Path.GetFullPath).FirstOrDefault(Directory.Exists);
    }

    /// <summary><c>FOLDER/NAME.yml</c>, <c>.yaml</c>, or <c>NAME</c> as written (Ansible's <c>tasks_from</c> accepts all three).</summary>
    public static string? Find(string roleDirectory, string folder, string name) =>
        new[] { name + ".yml", name + ".yaml", name, Path.Combine(name, "main.yml") }
            .Select(candidate => Path.Combine(roleDirectory, folder, candidate))
            .FirstOrDefault(File.Exists);

    /// <summary>A role's variables file (defaults or vars) as a dictionary; empty when absent.</summary>
    public static IReadOnlyDictionary<string, object?> Variables(string roleDirectory, string folder, string name, DiagnosticBag diagnostics)
    {
        var path = Find(roleDirectory, folder, name);
        if (path is null || YamlFile.Load(path, diagnostics) is not { } file || file.Root is null)
        {
            return new Dictionary<string, object?>();
        }

        if (file.Root is YamlMappingNode mapping)
        {
            return YamlValues.ToDictionary(mapping);
        }

        if (file.Root is not YamlScalarNode { Value: null or "" })
        {
            diagnostics.Add(file.SpanOf(file.Root), $"a role's {folder} file must be a mapping of variable names to values");
        }

        return new Dictionary<string, object?>();
    }
}
