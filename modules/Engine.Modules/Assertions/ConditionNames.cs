using System.Text.RegularExpressions;

namespace Converge.Modules.Assertions;

/// <summary>
/// The top-level variable names a condition uses, so a false assertion can say which of them are
/// undefined (Liquid compares an undefined variable as nil, which makes e.g. <c>mtu &gt; 1000</c> false).
/// </summary>
public static partial class ConditionNames
{
    private static readonly HashSet<string> Keywords =
        ["and", "or", "not", "contains", "nil", "null", "true", "false", "empty", "blank", "is", "defined", "undefined", "size", "first", "last"];

    public static IReadOnlyList<string> Undefined(string condition, IReadOnlyDictionary<string, object?> variables)
    {
        var unquoted = Quoted().Replace(condition, " ");
        return [.. Name().Matches(unquoted)
            .Select(m => m.Groups[1].Value)
            .Where(n => !Keywords.Contains(n) && !variables.ContainsKey(n))
            .Distinct(StringComparer.Ordinal)];
    }

    [GeneratedRegex(@"'[^']*'|""[^""]*""")]
    private static partial Regex Quoted();

    // A name not preceded by a dot (a member) or part of a number.
    [GeneratedRegex(@"(?<![\w.])([A-Za-z_]\w*)")]
    private static partial Regex Name();
}
