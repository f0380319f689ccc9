namespace Converge.Modules.Template;

/// <summary>
/// Ansible's <c>newline_sequence</c>: the rendered text's line endings become <c>\n</c>, <c>\r</c> or <c>\r\n</c>.
/// Users write the sequence escaped (<c>'\r\n'</c> in single quotes) or as the characters themselves; both are read.
/// </summary>
public static class TemplateNewlines
{
    public static string? Sequence(string written) => written switch
    {
        "\\n" or "\n" => "\n",
        "\\r" or "\r" => "\r",
        "\\r\\n" or "\r\n" => "\r\n",
        _ => null,
    };

    public static string Apply(string text, string written) =>
        Sequence(written) is { } sequence and not "\n" ? text.ReplaceLineEndings("\n").Replace("\n", sequence, StringComparison.Ordinal) : text;
}
