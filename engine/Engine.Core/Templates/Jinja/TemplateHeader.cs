using System.Globalization;

namespace Converge.Core.Templates.Jinja;

/// <summary>
/// Ansible's <c>#jinja2: trim_blocks: False, lstrip_blocks: True</c> first line, which overrides the
/// environment for one template (template/__init__.py, JINJA2_OVERRIDE). The line is removed from the text.
/// </summary>
public static class TemplateHeader
{
    private const string Marker = "#jinja2:";

    /// <summary>The options and the text after the header; the text unchanged when there is no header.</summary>
    public static (JinjaOptions Options, string Text, int SkippedLines) Read(string text, JinjaOptions defaults)
    {
        if (!text.StartsWith(Marker, StringComparison.Ordinal))
        {
            return (defaults, text, 0);
        }

        var eol = text.IndexOf('\n', StringComparison.Ordinal);
        var line = eol < 0 ? text[Marker.Length..] : text[Marker.Length..eol];
        var options = defaults;
        foreach (var pair in line.Split(','))
        {
            var colon = pair.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                throw new TemplateSyntaxException($"the #jinja2: header needs 'key: value' pairs separated by commas, not '{pair.Trim()}'", 1, 1);
            }

            var key = pair[..colon].Trim();
            var value = pair[(colon + 1)..].Trim();
            bool Flag() => value switch
            {
                "True" or "true" => true,
                "False" or "false" => false,
                _ => throw new TemplateSyntaxException($"the #jinja2: header's {key} must be True or False, not '{value}'", 1, 1 + Marker.Length + line.IndexOf(value, StringComparison.Ordinal)),
            };
            options = key switch
            {
                "trim_blocks" => options with { TrimBlocks = Flag() },
                "lstrip_blocks" => options with { LstripBlocks = Flag() },
                "keep_trailing_newline" => options with { KeepTrailingNewline = Flag() },
                "newline_sequence" or "variable_start_string" or "variable_end_string" or "block_start_string" or "block_end_string" =>
                    throw new TemplateSyntaxException(string.Create(CultureInfo.InvariantCulture, $"the #jinja2: header option '{key}' is not supported by Converge"), 1, 1),
                _ => throw new TemplateSyntaxException($"unknown #jinja2: header option '{key}'", 1, 1),
            };
        }

        return (options, eol < 0 ? string.Empty : text[(eol + 1)..], 1);
    }
}
