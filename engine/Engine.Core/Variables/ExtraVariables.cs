using System.Text.Json;
using Converge.Core.Diagnostics;
using Converge.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace Converge.Core.Variables;

/// <summary>
/// Extra variables (<c>-e</c>, repeatable, later wins), as Ansible's <c>load_extra_vars</c> reads them:
/// <c>-e @vars.yml</c> / <c>-e @vars.json</c> loads a file holding a mapping; <c>-e '{"k": 1}'</c> is inline
/// YAML/JSON; anything else is <c>key=value</c> pairs (several per argument, quotes allowed) whose values
/// are strings, exactly as in Ansible. Extra variables have the highest precedence of all.
/// </summary>
public static class ExtraVariables
{
    public static Dictionary<string, object?> Parse(IEnumerable<string> arguments, DiagnosticBag diagnostics)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var argument in arguments)
        {
            if (string.IsNullOrEmpty(argument))
            {
                continue;
            }

            var at = SourceSpan.CommandLine($"-e {argument}");
            Dictionary<string, object?>? values;
            if (argument.StartsWith('@'))
            {
                values = LoadFile(argument[1..], at, diagnostics);
            }
            else if (argument[0] is '/' or '.')
            {
                diagnostics.Add(at, $"extra vars file '{argument}' must be prefixed with '@': -e @{argument}");
                continue;
            }
            else if (argument[0] is '{' or '[')
            {
                values = Mapping(argument, "<command line: -e>", at, diagnostics);
            }
            else if (!KeyValueArguments.TryParse(argument, out values, out var error))
            {
                diagnostics.Add(at, $"invalid extra vars: {error}");
                continue;
            }

            if (values is not null)
            {
                VariableMerge.Overlay(result, values);
            }
        }

        return result;
    }

    private static Dictionary<string, object?>? LoadFile(string path, SourceSpan at, DiagnosticBag diagnostics)
    {
        if (Directory.Exists(path))
        {
            diagnostics.Add(at, $"extra vars file '{path}' is a directory; name a YAML or JSON file");
            return null;
        }

        if (!File.Exists(path))
        {
            diagnostics.Add(at, $"extra vars file '{path}' does not exist");
            return null;
        }

        var text = SourceText.Read(path, diagnostics);
        return text is null ? null : Mapping(text, path, new SourceSpan(path, 1, 1), diagnostics);
    }

    private static Dictionary<string, object?>? Mapping(string text, string path, SourceSpan at, DiagnosticBag diagnostics)
    {
        // Ansible's DataLoader tries JSON before YAML.
        try
        {
            using var document = JsonDocument.Parse(text);
            if (Converge.Core.Inventory.JsonPlain.ToPlain(document.RootElement) is Dictionary<string, object?> json)
            {
                return json;
            }

            diagnostics.Add(at, "extra vars must be a mapping of variable names to values");
            return null;
        }
        catch (JsonException)
        {
        }

        var yaml = YamlFile.Parse(path, text, diagnostics);
        switch (yaml?.Root)
        {
            case null when yaml is not null:
                return [];
            case YamlMappingNode mapping:
                return YamlValues.ToDictionary(mapping);
            case { } other:
                diagnostics.Add(yaml.SpanOf(other).IsKnown && path != "<command line: -e>" ? yaml.SpanOf(other) : at, "extra vars must be a mapping of variable names to values");
                return null;
            default:
                return null;
        }
    }
}
