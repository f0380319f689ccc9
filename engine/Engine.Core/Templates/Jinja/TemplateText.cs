namespace Converge.Core.Templates.Jinja;

/// <summary>Whether text or a value holds template syntax (plain strings never reach the parser).</summary>
public static class TemplateText
{
    public static bool IsTemplated(string? text) =>
        text is not null && (text.Contains("{{", StringComparison.Ordinal) || text.Contains("{%", StringComparison.Ordinal) || text.Contains("{#", StringComparison.Ordinal));

    public static bool Contains(object? value) => value switch
    {
        string s => IsTemplated(s),
        IReadOnlyDictionary<string, object?> map => map.Values.Any(Contains),
        IDictionary<string, object?> map => map.Values.Any(Contains),
        IEnumerable<object?> list => list.Any(Contains),
        _ => false,
    };
}
