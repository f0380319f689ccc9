using System.Text.RegularExpressions;
using Converge.Modules.Line;

namespace Converge.Modules.Replace;

/// <summary>
/// The pure text edit of <c>replace</c>, as Ansible's module: the section is the whole text, or what lies between
/// the first match of <c>after</c> and the first following match of <c>before</c> (matched across lines); in it
/// every match of <c>regexp</c> (multiline) is replaced, the replacement expanded like Python's <c>re.sub</c>.
/// </summary>
public static class ReplaceEdit
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static (string Text, int Count) Apply(string text, ReplaceParams parameters)
    {
        var (start, end) = (0, text.Length);
        if (parameters.After is not null || parameters.Before is not null)
        {
            var section = new Regex($"{parameters.After}(?<subsection>.*?){parameters.Before}", RegexOptions.Singleline, Timeout).Match(text);
            if (!section.Success)
            {
                return (text, 0);
            }

            var group = section.Groups["subsection"];
            (start, end) = (group.Index, group.Index + group.Length);
        }

        var count = 0;
        var replaced = new Regex(parameters.Regexp, RegexOptions.Multiline, Timeout).Replace(text[start..end], match =>
        {
            count++;
            return LineEdit.Expand(match, parameters.Replace);
        });
        return (text[..start] + replaced + text[end..], count);
    }
}
