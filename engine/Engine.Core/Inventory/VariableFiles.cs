using System.Text.Json;
using Converge.Core.Diagnostics;
using Converge.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace Converge.Core.Inventory;

/// <summary>
/// Finds and loads <c>group_vars/NAME</c> and <c>host_vars/NAME</c> beside an inventory source the way
/// Ansible's <c>host_group_vars</c> plugin does (<c>DataLoader.find_vars_files</c>): the first of
/// <c>NAME</c>, <c>NAME.yml</c>, <c>NAME.yaml</c>, <c>NAME.json</c> that exists wins; when it is a directory,
/// every file in it (recursively, sorted, no hidden files or backups, only those extensions or none) is merged
/// in order. Each file is read once per load.
/// </summary>
internal sealed class VariableFiles(DiagnosticBag diagnostics)
{
    private static readonly string[] Extensions = ["", ".yml", ".yaml", ".json"];

    private readonly Dictionary<string, Dictionary<string, SourcedValue>> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, SourcedValue>> _entities = new(StringComparer.Ordinal);

    /// <summary>The variables of <paramref name="name"/> in <c>directory/subdirectory</c>, merged, or empty.</summary>
    public Dictionary<string, SourcedValue> Load(string directory, string subdirectory, string name)
    {
        // Every host asks for the same groups: look each (source, group) up on disk once.
        var entity = string.Join('\0', directory, subdirectory, name);
        if (_entities.TryGetValue(entity, out var cached))
        {
            return cached;
        }

        var result = new Dictionary<string, SourcedValue>(StringComparer.Ordinal);
        _entities[entity] = result;
        if (name.StartsWith('/'))
        {
            return result;
        }

        foreach (var file in Find(Path.Combine(directory, subdirectory), name))
        {
            foreach (var (key, value) in LoadFile(file))
            {
                result[key] = value;
            }
        }

        return result;
    }

    private static IEnumerable<string> Find(string directory, string name)
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }

        foreach (var extension in Extensions)
        {
            var path = Path.Combine(directory, name + extension);
            if (Directory.Exists(path))
            {
                return FilesIn(path);
            }

            if (File.Exists(path))
            {
                return [path];
            }
        }

        return [];
    }

    private static IEnumerable<string> FilesIn(string directory)
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(directory).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(entry);
            if (name.StartsWith('.') || name.EndsWith('~'))
            {
                continue;
            }

            var extension = Path.GetExtension(name);
            if (Directory.Exists(entry) && extension.Length == 0)
            {
                foreach (var file in FilesIn(entry))
                {
                    yield return file;
                }
            }
            else if (File.Exists(entry) && Extensions.Contains(extension, StringComparer.Ordinal))
            {
                yield return entry;
            }
        }
    }

    private Dictionary<string, SourcedValue> LoadFile(string path)
    {
        if (_files.TryGetValue(path, out var cached))
        {
            return cached;
        }

        var variables = new Dictionary<string, SourcedValue>(StringComparer.Ordinal);
        _files[path] = variables;
        if (SourceText.Read(path, diagnostics) is not { } text)
        {
            return variables;
        }

        if (Vault.VaultedYaml.OpenFile(path, text, diagnostics) is not { } opened)
        {
            return variables;
        }

        text = opened;

        // Ansible's DataLoader tries JSON first and YAML second; the difference shows in numbers such as 1e5.
        var json = TryJson(text);
        var scratch = new DiagnosticBag();
        var yaml = YamlFile.Parse(path, text, json is null ? diagnostics : scratch);
        if (json is null && yaml is null)
        {
            return variables;
        }

        if (yaml?.Root is not (null or YamlMappingNode) || json is { } and not Dictionary<string, object?>)
        {
            var at = yaml?.Root is { } root ? yaml.SpanOf(root) : new SourceSpan(path, 1, 1);
            diagnostics.Add(at, "a variables file must hold a mapping of variable names to values");
            return variables;
        }

        if (yaml?.Root is YamlMappingNode mapping)
        {
            foreach (var (key, value) in mapping.Children)
            {
                var name = YamlValues.KeyText(key);
                var plain = json is Dictionary<string, object?> fromJson && fromJson.TryGetValue(name, out var v) ? v : YamlValues.ToPlain(value);
                variables[name] = new SourcedValue(plain, yaml.SpanOf(key));
            }
        }
        else if (json is Dictionary<string, object?> onlyJson)
        {
            foreach (var (key, value) in onlyJson)
            {
                variables[key] = new SourcedValue(value, new SourceSpan(path, 1, 1));
            }
        }

        return variables;
    }

    private static object? TryJson(string text)
    {
        var trimmed = text.TrimStart();
        if (!trimmed.StartsWith('{') && !trimmed.StartsWith('['))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return JsonPlain.ToPlain(document.RootElement);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
