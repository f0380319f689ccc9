using System.Text.RegularExpressions;

namespace Converge.Core.Templates;

/// <summary>
/// Translates the Jinja tests Ansible users write in conditions into Liquid:
/// <c>x is defined</c> → <c>x != nil</c>, <c>x is not defined</c> / <c>x is undefined</c> → <c>x == nil</c>,
/// <c>not x</c> → <c>x == false</c>.
/// </summary>
internal static partial class JinjaTests
{
    public static string Translate(string expression)
    {
        var text = NotDefined().Replace(expression, "$1 == nil");
        text = Defined().Replace(text, "$1 != nil");
        return Not().Replace(text, "$1 == false");
    }

    [GeneratedRegex(@"([A-Za-z_][\w.\[\]'""]*)\s+is\s+(?:not\s+defined|undefined)")]
    private static partial Regex NotDefined();

    [GeneratedRegex(@"([A-Za-z_][\w.\[\]'""]*)\s+is\s+defined")]
    private static partial Regex Defined();

    [GeneratedRegex(@"^\s*not\s+([A-Za-z_][\w.\[\]'""]*)\s*$")]
    private static partial Regex Not();
}
