using Converge.Core.Diagnostics;
using Converge.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace Converge.Core.Playbooks;

/// <summary>Typed reads of YAML keyword values that report a diagnostic (and return a default) on a wrong type.</summary>
internal sealed class YamlReader(YamlFile file, DiagnosticBag diagnostics)
{
    public string File => file.Path;

    public YamlFile Source => file;

    public DiagnosticBag Diagnostics => diagnostics;

    public SourceSpan Span(YamlNode node) => file.SpanOf(node);

    public void Error(YamlNode node, string message) => diagnostics.Add(Span(node), message);

    public string? String(YamlNode node, string key)
    {
        if (node is YamlScalarNode scalar)
        {
            return scalar.Value ?? string.Empty;
        }

        Error(node, $"'{key}' must be a string, not a {Describe(node)}");
        return null;
    }

    public bool? Bool(YamlNode node, string key)
    {
        if (node is YamlScalarNode scalar && YamlValues.Resolve(scalar.Value ?? string.Empty) is bool value)
        {
            return value;
        }

        Error(node, $"'{key}' must be true or false, not '{Text(node)}'");
        return null;
    }

    public int? Int(YamlNode node, string key, int minimum = 0)
    {
        if (node is YamlScalarNode scalar && YamlValues.Resolve(scalar.Value ?? string.Empty) is long value && value >= minimum && value <= int.MaxValue)
        {
            return (int)value;
        }

        Error(node, $"'{key}' must be a whole number of at least {minimum}, not '{Text(node)}'");
        return null;
    }

    /// <summary>A list of strings written as a sequence or as one string (a single item).</summary>
    public IReadOnlyList<(string Value, SourceSpan Span)> Strings(YamlNode node, string key)
    {
        if (node is YamlScalarNode scalar)
        {
            return string.IsNullOrEmpty(scalar.Value) ? [] : [(scalar.Value, Span(node))];
        }

        if (node is YamlSequenceNode sequence)
        {
            var result = new List<(string, SourceSpan)>();
            foreach (var item in sequence.Children)
            {
                if (item is YamlScalarNode s)
                {
                    result.Add((s.Value ?? string.Empty, Span(item)));
                }
                else
                {
                    Error(item, $"each item of '{key}' must be a string, not a {Describe(item)}");
                }
            }

            return result;
        }

        Error(node, $"'{key}' must be a string or a list of strings, not a {Describe(node)}");
        return [];
    }

    public YamlMappingNode? Mapping(YamlNode node, string what)
    {
        if (node is YamlMappingNode mapping)
        {
            return mapping;
        }

        Error(node, $"{what} must be a mapping (key: value), not a {Describe(node)}");
        return null;
    }

    public IReadOnlyDictionary<string, object?> Variables(YamlNode node, string key)
    {
        var mapping = Mapping(node, $"'{key}'");
        return mapping is null ? new Dictionary<string, object?>() : YamlValues.ToDictionary(mapping);
    }

    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "mapping",
        YamlSequenceNode => "list",
        YamlScalarNode s when string.IsNullOrEmpty(s.Value) => "empty value",
        _ => "string",
    };

    private static string Text(YamlNode node) => node is YamlScalarNode s ? s.Value ?? string.Empty : Describe(node);
}
