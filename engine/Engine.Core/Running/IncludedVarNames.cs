using System.Text.RegularExpressions;
using Converge.Core.Diagnostics;
using Converge.Core.Modules;
using Converge.Core.Playbooks;
using Converge.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace Converge.Core.Running;

/// <summary>
/// The variable names an <c>include_vars</c> task may set, known before the run so validation does not call them
/// undefined: the keys of its file, or, when the file name depends on run-time values (<c>{{ ansible_os_family }}.yml</c>),
/// of every vars file its name could match (the template parts read as wildcards within a path segment); of every file of a <c>dir</c>;
/// or just its <c>name</c>. The values are read and checked when the task runs.
/// </summary>
public static partial class IncludedVarNames
{
    public static IEnumerable<string> Of(TaskDefinition task, string playbookDirectory)
    {
        var (file, dir, name) = task.Params switch
        {
            YamlScalarNode scalar => (scalar.Value, null, null),
            YamlMappingNode mapping => (Text(mapping, "file"), Text(mapping, "dir"), Text(mapping, "name")),
            _ => (null, null, null),
        };
        if (name is not null)
        {
            return [name];
        }

        var role = task.Scope.InnermostRole();
        var folders = ModuleContext.SearchDirectories(playbookDirectory, role, "vars").ToList();
        var folder = dir is null ? null : Path.IsPathRooted(dir) ? dir : role is null ? Path.Combine(playbookDirectory, dir) : Path.Combine(role.Path, "vars", dir);
        IEnumerable<string> files = folder is not null
            ? Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories) : []
            : file is null ? []
            : Matching(folders, file);
        return files.Where(f => Path.GetExtension(f) is ".yml" or ".yaml" or ".json" or "").SelectMany(Keys).ToList();
    }

    private static IEnumerable<string> Matching(IReadOnlyList<string> folders, string file)
    {
        if (!file.Contains("{{", StringComparison.Ordinal))
        {
            return folders.Select(f => Path.IsPathRooted(file) ? file : Path.Combine(f, file)).Where(File.Exists).Take(1);
        }

        // A template part stands for one path segment or part of one: `{{ ansible_os_family }}.yml` matches the vars
        // files of the folder, not every YAML file below it (the playbook's folder holds the roles' defaults too).
        var pattern = new Regex("^" + string.Join("[^/]*", Template().Split(file).Select(Regex.Escape)) + "$");
        return folders.Where(Directory.Exists)
            .SelectMany(f => Directory.EnumerateFiles(f, "*", SearchOption.AllDirectories).Where(p => pattern.IsMatch(Path.GetRelativePath(f, p))));
    }

    private static IEnumerable<string> Keys(string path)
    {
        var yaml = YamlFile.Load(path, new DiagnosticBag());
        return yaml?.Root is YamlMappingNode mapping ? mapping.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value).OfType<string>() : [];
    }

    private static string? Text(YamlMappingNode mapping, string key) =>
        (mapping.Children.FirstOrDefault(p => p.Key is YamlScalarNode k && k.Value == key).Value as YamlScalarNode)?.Value;

    [GeneratedRegex(@"\{\{.*?\}\}")]
    private static partial Regex Template();
}
