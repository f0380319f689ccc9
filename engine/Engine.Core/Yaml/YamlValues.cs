using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Converge.Core.Yaml;

/// <summary>
/// Turns YAML nodes into plain values (string, long, double, bool, null, List, Dictionary) with
/// YAML 1.1 scalar rules, as PyYAML does for Ansible, so inventories resolve to the same values
/// (<c>yes</c> is true, <c>0644</c> is octal 420). Quoted scalars stay strings.
/// </summary>
public static partial class YamlValues
{
    public static object? ToPlain(YamlNode node) => node switch
    {
        YamlScalarNode scalar => Scalar(scalar),
        YamlSequenceNode sequence => sequence.Children.Select(ToPlain).ToList(),
        YamlMappingNode mapping => ToDictionary(mapping),
        _ => null,
    };

    public static Dictionary<string, object?> ToDictionary(YamlMappingNode mapping)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in mapping.Children)
        {
            result[KeyText(key)] = ToPlain(value);
        }

        return result;
    }

    /// <summary>The text of a mapping key (scalar keys only; others are rendered as YAML would print them).</summary>
    public static string KeyText(YamlNode key) => key is YamlScalarNode s ? s.Value ?? string.Empty : key.ToString();

    public static object? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
        {
            return text;
        }

        // An untagged scalar has an empty (non-specific) tag whose Value throws.
        if (!scalar.Tag.IsEmpty && !scalar.Tag.IsNonSpecific && scalar.Tag.Value is "tag:yaml.org,2002:str" or "!!str")
        {
            return text;
        }

        return Resolve(text);
    }

    /// <summary>YAML 1.1 implicit resolution of a plain scalar.</summary>
    public static object? Resolve(string text)
    {
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "yes" or "Yes" or "YES" or "true" or "True" or "TRUE" or "on" or "On" or "ON" or "y" or "Y":
                return text is "y" or "Y" ? text : true;
            case "no" or "No" or "NO" or "false" or "False" or "FALSE" or "off" or "Off" or "OFF" or "n" or "N":
                return text is "n" or "N" ? text : false;
        }

        try
        {
            if (IntPattern().IsMatch(text))
            {
                return ParseInt(text.Replace("_", string.Empty, StringComparison.Ordinal));
            }

            if (FloatPattern().IsMatch(text))
            {
                return ParseFloat(text.Replace("_", string.Empty, StringComparison.Ordinal));
            }
        }
        catch (Exception e) when (e is OverflowException or FormatException or ArgumentException)
        {
            // Beyond 64 bits (PyYAML has big integers) or degenerate digits such as "0x_": keep the text.
        }

        return text;
    }

    private static double ParseFloat(string text)
    {
        var lower = text.ToLowerInvariant();
        var negative = lower.StartsWith('-');
        var body = lower.TrimStart('+', '-');
        double value = body switch
        {
            ".inf" => double.PositiveInfinity,
            ".nan" => double.NaN,
            _ when body.Contains(':', StringComparison.Ordinal) => Sexagesimal(body, double.Parse),
            _ => double.Parse(body, NumberStyles.Float, CultureInfo.InvariantCulture),
        };
        return negative ? -value : value;
    }

    /// <summary>YAML 1.1 base 60 (<c>190:20:30</c> is 685230), as PyYAML still resolves it.</summary>
    private static T Sexagesimal<T>(string body, Func<string, IFormatProvider, T> parse)
        where T : System.Numerics.INumber<T>
    {
        var value = T.Zero;
        var sixty = T.CreateChecked(60);
        foreach (var part in body.Split(':'))
        {
            value = checked((value * sixty) + parse(part, CultureInfo.InvariantCulture));
        }

        return value;
    }

    private static object ParseInt(string text)
    {
        var negative = text.StartsWith('-');
        var body = text.TrimStart('+', '-');
        long value;
        if (body.StartsWith("0x", StringComparison.Ordinal))
        {
            value = Convert.ToInt64(body[2..], 16);
        }
        else if (body.StartsWith("0b", StringComparison.Ordinal))
        {
            value = Convert.ToInt64(body[2..], 2);
        }
        else if (body.Contains(':', StringComparison.Ordinal))
        {
            value = Sexagesimal(body, long.Parse);
        }
        else if (body.Length > 1 && body.StartsWith('0'))
        {
            value = Convert.ToInt64(body[1..], 8);
        }
        else
        {
            value = long.Parse(body, CultureInfo.InvariantCulture);
        }

        return negative ? -value : value;
    }

    // PyYAML's resolver patterns for YAML 1.1 int and float (yaml/resolver.py), base 60 included.
    [GeneratedRegex(@"^[-+]?(0b[0-1_]+|0[0-7_]+|(0|[1-9][0-9_]*)|0x[0-9a-fA-F_]+|[1-9][0-9_]*(:[0-5]?[0-9])+)$")]
    private static partial Regex IntPattern();

    [GeneratedRegex(@"^([-+]?[0-9][0-9_]*\.[0-9_]*([eE][-+][0-9]+)?|\.[0-9_]+([eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$")]
    private static partial Regex FloatPattern();
}
