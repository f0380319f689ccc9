using System.Text.RegularExpressions;

namespace Converge.Modules.Template;

/// <summary>
/// Finds the line of a template where a variable is first used inside a tag. Fluid's undefined-variable
/// callback gives the name but no position, so the line is recovered from the source.
/// </summary>
public static partial class TemplateLines
{
    /// <summary>The 1-based line of the first tag (<c>{{ }}</c> or <c>{% %}</c>) naming <paramref name="variable"/>; null when none does.</summary>
    public static int? Find(string text, string variable)
    {
        foreach (Match tag in Tag().Matches(text))
        {
            if (Regex.IsMatch(tag.Value, $@"(?<![\w.]){Regex.Escape(variable)}(?![\w])"))
            {
                return 1 + text.AsSpan(0, tag.Index).Count('\n');
            }
        }

        return null;
    }

    [GeneratedRegex(@"\{\{.*?\}\}|\{%.*?%\}", RegexOptions.Singleline)]
    private static partial Regex Tag();
}
