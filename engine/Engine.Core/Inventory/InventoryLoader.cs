using System.Text.RegularExpressions;
using Converge.Core.Diagnostics;
using Converge.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace Converge.Core.Inventory;

/// <summary>
/// Loads Ansible-compatible inventories. Each path (<c>-i</c>, repeatable, merged in order) is a YAML or INI
/// file, a directory (every inventory file in it, recursively and sorted, skipping <c>group_vars/</c>,
/// <c>host_vars/</c>, hidden files and Ansible's ignored extensions such as <c>.ini</c>, <c>.retry</c>,
/// <c>.pyc</c> and <c>~</c>), or a comma-separated host list (<c>web1,web2,</c>).
/// <para>Variable precedence, lowest to highest, as Ansible 2.14 resolves it:
/// inline vars of <c>all</c>; inline vars of the host's other groups by depth (parents before children;
/// siblings of the same depth by <c>ansible_group_priority</c>, then by name, later wins);
/// <c>group_vars/all</c>; <c>group_vars/GROUP</c> in the same group order; inline host vars;
/// <c>host_vars/HOST</c>. group_vars/host_vars are read beside each source (the directory itself, or the
/// file's directory), sources in <c>-i</c> order.</para>
/// </summary>
public static partial class InventoryLoader
{
    private const int MaxDirectoryDepth = 32;

    /// <param name="paths">Inventory files, directories or host lists, as given with <c>-i</c>.</param>
    /// <param name="diagnostics">Where problems go.</param>
    /// <param name="playbookDirectory">
    /// The playbook's folder: Ansible reads <c>group_vars/</c> and <c>host_vars/</c> beside the playbook too,
    /// each layer just above the inventory's same layer.
    /// </param>
    public static Inventory Load(IReadOnlyList<string> paths, DiagnosticBag diagnostics, string? playbookDirectory = null)
    {
        var inventory = new InventoryBuilder(diagnostics);
        var sourceDirectories = new List<string>();
        foreach (var path in paths)
        {
            // Paths stay as the user wrote them, so diagnostics read like the command line (relative stays relative).
            if (Directory.Exists(path))
            {
                sourceDirectories.Add(path);
                LoadDirectory(path, inventory);
            }
            else if (File.Exists(path))
            {
                sourceDirectories.Add(Path.GetDirectoryName(path) ?? string.Empty);
                LoadFile(path, inventory);
            }
            else if (path.Contains(',', StringComparison.Ordinal))
            {
                LoadHostList(path, inventory);
            }
            else
            {
                diagnostics.Add(SourceSpan.CommandLine($"-i {path}"), $"inventory '{path}' does not exist{NearSiblings(path)}");
            }
        }

        if (playbookDirectory is not null && !sourceDirectories.Any(d => Path.GetFullPath(d.Length == 0 ? "." : d) == Path.GetFullPath(playbookDirectory.Length == 0 ? "." : playbookDirectory)))
        {
            sourceDirectories.Add(playbookDirectory);
        }

        return inventory.Build(sourceDirectories, new VariableFiles(diagnostics));
    }

    /// <summary>Loads one inventory file, choosing the format as Ansible's plugin order does.</summary>
    internal static void LoadFile(string path, InventoryBuilder inventory)
    {
        if (SourceText.Read(path, inventory.Diagnostics) is not { } text)
        {
            return;
        }

        var extension = Path.GetExtension(path);
        switch (extension)
        {
            case ".yml" or ".yaml" or ".json":
                var yaml = YamlFile.Parse(path, text, inventory.Diagnostics);
                if (yaml is not null)
                {
                    YamlInventoryParser.Parse(yaml, inventory);
                }

                break;
            case "":
                // The yaml plugin accepts files without an extension and the ini plugin takes what it refuses.
                var yamlDiagnostics = new DiagnosticBag();
                var attempt = YamlFile.Parse(path, text, yamlDiagnostics);
                if (attempt?.Root is YamlMappingNode)
                {
                    YamlInventoryParser.Parse(attempt, inventory);
                }
                else if (attempt is null && LooksLikeYaml(text))
                {
                    // Broken YAML would only produce puzzling INI errors: report what the YAML parser says.
                    inventory.Diagnostics.AddRange(yamlDiagnostics.Items);
                }
                else
                {
                    IniInventoryParser.Parse(path, text, inventory);
                }

                break;
            case ".toml":
                inventory.Diagnostics.Add(new SourceSpan(path, 1, 1), "TOML inventories are not supported; use YAML or INI");
                break;
            default:
                IniInventoryParser.Parse(path, text, inventory);
                break;
        }
    }

    private static void LoadDirectory(string directory, InventoryBuilder inventory, int depth = 0)
    {
        // A symbolic link to a parent directory would recurse forever.
        if (depth > MaxDirectoryDepth)
        {
            inventory.Diagnostics.Add(new SourceSpan(directory, 1, 1), $"inventory directories nest deeper than {MaxDirectoryDepth} levels (a symbolic link loop?)");
            return;
        }

        List<string> entries;
        try
        {
            entries = [.. Directory.EnumerateFileSystemEntries(directory).Order(StringComparer.Ordinal)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            inventory.Diagnostics.Add(new SourceSpan(directory, 1, 1), $"cannot read inventory directory: {e.Message}");
            return;
        }

        foreach (var entry in entries)
        {
            if (Ignored().IsMatch(Path.GetFileName(entry)))
            {
                continue;
            }

            if (Directory.Exists(entry))
            {
                LoadDirectory(entry, inventory, depth + 1);
            }
            else
            {
                LoadFile(entry, inventory);
            }
        }
    }

    /// <summary>Ansible's host_list plugin: <c>-i 'web1,web2:2222,'</c> adds ungrouped hosts.</summary>
    private static void LoadHostList(string list, InventoryBuilder inventory)
    {
        var ungrouped = inventory.AddGroup(InventoryBuilder.Ungrouped, SourceSpan.None);
        foreach (var item in list.Split(',').Select(i => i.Trim()).Where(i => i.Length > 0))
        {
            if (!HostRange.TryExpand(item, out var names, out var port, out var error) || names.Count != 1)
            {
                inventory.Diagnostics.Add(SourceSpan.CommandLine($"-i {list}"), error ?? $"host list entries take no ranges: '{item}'");
                continue;
            }

            inventory.AddHost(names[0], ungrouped, port, SourceSpan.CommandLine($"-i {list}"));
        }
    }

    private static string NearSiblings(string path)
    {
        var parent = Path.GetDirectoryName(path) ?? string.Empty;
        if (!Directory.Exists(parent.Length == 0 ? "." : parent))
        {
            return string.Empty;
        }

        var siblings = Directory.EnumerateFileSystemEntries(parent.Length == 0 ? "." : parent).Select(Path.GetFileName).OfType<string>();
        var near = NearNames.Find(Path.GetFileName(path), siblings);
        return near.Count == 0 ? string.Empty : $"; did you mean {string.Join(" or ", near.Select(n => $"'{Path.Combine(parent, n)}'"))}?";
    }

    /// <summary>Whether the first meaningful line is a YAML document start or a <c>key:</c> line, which INI never has.</summary>
    private static bool LooksLikeYaml(string text)
    {
        var first = text.Split('\n').Select(l => l.TrimEnd('\r')).FirstOrDefault(l => l.Trim().Length > 0 && l.TrimStart()[0] is not ('#' or ';'));
        return first is not null && (first.StartsWith("---", StringComparison.Ordinal) || YamlKeyLine().IsMatch(first));
    }

    [GeneratedRegex(@"^[^\s\[=]+:(\s|$)")]
    private static partial Regex YamlKeyLine();

    // Ansible's IGNORED_ALWAYS plus the default INVENTORY_IGNORE_EXTS (REJECT_EXTS + .orig .ini .cfg .retry).
    [GeneratedRegex(@"^\.|^host_vars$|^group_vars$|^vars_plugins$|(\.pyc|\.pyo|\.swp|\.bak|~|\.rpm|\.md|\.txt|\.rst|\.orig|\.ini|\.cfg|\.retry)$")]
    private static partial Regex Ignored();
}
