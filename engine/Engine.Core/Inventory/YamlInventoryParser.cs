using Converge.Core.Diagnostics;
using Converge.Core.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Converge.Core.Inventory;

/// <summary>
/// Ansible's YAML inventory format (plugins/inventory/yaml.py): top-level keys are groups; a group has
/// <c>hosts</c> (host name or range → variables), <c>children</c> (groups, recursively) and <c>vars</c>.
/// Upstream only warns about unknown keys and skips them; Converge reports them as errors with a hint.
/// </summary>
internal sealed class YamlInventoryParser(YamlFile file, InventoryBuilder inventory)
{
    private static readonly string[] GroupKeys = ["hosts", "children", "vars"];

    public static void Parse(YamlFile file, InventoryBuilder inventory)
    {
        var parser = new YamlInventoryParser(file, inventory);
        if (file.Root is not YamlMappingNode root)
        {
            var at = file.Root is null ? new SourceSpan(file.Path, 1, 1) : file.SpanOf(file.Root);
            inventory.Diagnostics.Add(at, "a YAML inventory must be a mapping of group names (such as 'all:') to groups");
            return;
        }

        if (root.Children.Keys.Any(k => YamlValues.KeyText(k) == "plugin"))
        {
            inventory.Diagnostics.Add(file.SpanOf(root), "inventory plugin configuration files ('plugin:') are not supported; write a YAML inventory with 'all:'");
            return;
        }

        foreach (var (key, value) in root.Children)
        {
            parser.ParseGroup(key, value);
        }
    }

    private DiagnosticBag Diagnostics => inventory.Diagnostics;

    private InventoryGroup? ParseGroup(YamlNode key, YamlNode? value)
    {
        var name = YamlValues.KeyText(key);
        var at = file.SpanOf(key);
        if (value is not null && !IsNull(value) && value is not YamlMappingNode)
        {
            Diagnostics.Add(file.SpanOf(value), $"group '{name}' must be a mapping with 'hosts', 'children' or 'vars', not {Describe(value)}");
            return null;
        }

        var group = inventory.AddGroup(name, at);
        if (value is not YamlMappingNode mapping)
        {
            return group;
        }

        foreach (var (sectionKey, section) in mapping.Children)
        {
            var sectionName = YamlValues.KeyText(sectionKey);
            switch (sectionName)
            {
                case "hosts":
                    ParseHosts(group, section);
                    break;
                case "children":
                    ParseChildren(group, section);
                    break;
                case "vars":
                    ParseVariables(group, section);
                    break;
                default:
                    Diagnostics.Add(file.SpanOf(sectionKey), $"unknown key '{sectionName}' in group '{name}'{NameSuggestion.DidYouMean(sectionName, GroupKeys)} (a group has only 'hosts', 'children' and 'vars')");
                    break;
            }
        }

        return group;
    }

    private void ParseHosts(InventoryGroup group, YamlNode section)
    {
        foreach (var (key, value) in Entries(group, "hosts", section))
        {
            var at = file.SpanOf(key);
            if (key is YamlScalarNode { Style: ScalarStyle.Plain } plain && YamlValues.Scalar(plain) is not string)
            {
                Diagnostics.Add(at, $"host name '{plain.Value}' must be a string; enclose it in quotes");
                continue;
            }

            var entry = YamlValues.KeyText(key);
            if (!HostRange.TryExpand(entry, out var names, out var port, out var error))
            {
                Diagnostics.Add(at, error!);
                continue;
            }

            if (value is not null && !IsNull(value) && value is not YamlMappingNode)
            {
                Diagnostics.Add(file.SpanOf(value), $"host '{entry}' must have a mapping of variables (or nothing), not {Describe(value)}");
                continue;
            }

            foreach (var name in names)
            {
                var host = inventory.AddHost(name, group, port, at);
                if (value is YamlMappingNode variables)
                {
                    foreach (var (variable, variableValue) in variables.Children)
                    {
                        InventoryBuilder.SetVariable(host, YamlValues.KeyText(variable), YamlValues.ToPlain(variableValue), file.SpanOf(variable));
                    }
                }
            }
        }
    }

    private void ParseChildren(InventoryGroup group, YamlNode section)
    {
        foreach (var (key, value) in Entries(group, "children", section))
        {
            var child = ParseGroup(key, value);
            if (child is not null)
            {
                inventory.AddChild(group, child, file.SpanOf(key));
            }
        }
    }

    private void ParseVariables(InventoryGroup group, YamlNode section)
    {
        foreach (var (key, value) in Entries(group, "vars", section))
        {
            inventory.SetVariable(group, YamlValues.KeyText(key), value is null ? null : YamlValues.ToPlain(value), file.SpanOf(key));
        }
    }

    /// <summary>
    /// The entries of a section. Like upstream, a bare string stands for one entry with no value
    /// (<c>hosts: web1</c>); anything but a mapping, a string or nothing is a diagnostic.
    /// </summary>
    private IEnumerable<(YamlNode Key, YamlNode? Value)> Entries(InventoryGroup group, string section, YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                return mapping.Children.Select(c => (c.Key, (YamlNode?)c.Value));
            case YamlScalarNode scalar when IsNull(scalar):
                return [];
            case YamlScalarNode scalar:
                return [(scalar, null)];
            default:
                var hint = section == "vars" ? "variable: value" : section == "hosts" ? "host:" : "group:";
                Diagnostics.Add(file.SpanOf(node), $"'{section}' of group '{group.Name}' must be a mapping ('{hint}' per line), not {Describe(node)}");
                return [];
        }
    }

    private static bool IsNull(YamlNode node) => node is YamlScalarNode scalar && scalar.Style == ScalarStyle.Plain && YamlValues.Scalar(scalar) is null;

    private static string Describe(YamlNode node) => node switch
    {
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        YamlScalarNode scalar => $"the value '{scalar.Value}'",
        _ => "this value",
    };
}
