using System.Text;

namespace Converge.Modules.Command;

/// <summary>
/// Splits a command line into words the way a POSIX shell does (like Python's shlex.split, which
/// Ansible's command module uses): whitespace separates words; single quotes keep everything literally;
/// double quotes keep everything except <c>\"</c>, <c>\\</c>, <c>\$</c> and <c>\`</c>; a backslash outside
/// quotes escapes the next character. Nothing else is interpreted: <c>$HOME</c>, <c>*</c>, <c>|</c> and
/// <c>&gt;</c> reach the program as they are (use <c>shell</c> for them).
/// </summary>
public static class CommandLineWords
{
    public static IReadOnlyList<string> Split(string line) =>
        TrySplit(line, out var words, out var error) ? words : throw new FormatException(error);

    public static bool TrySplit(string line, out IReadOnlyList<string> words, out string? error)
    {
        var result = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        char? quote = null;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote == '\'')
            {
                if (c == '\'') quote = null; else word.Append(c);
            }
            else if (quote == '"')
            {
                if (c == '"') quote = null;
                else if (c == '\\' && i + 1 < line.Length && line[i + 1] is '"' or '\\' or '$' or '`') word.Append(line[++i]);
                else word.Append(c);
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    result.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }
            }
            else
            {
                inWord = true;
                if (c is '\'' or '"') quote = c;
                else if (c == '\\' && i + 1 < line.Length) word.Append(line[++i]);
                else word.Append(c);
            }
        }

        words = result;
        if (quote is not null)
        {
            error = $"unterminated {(quote == '\'' ? "single" : "double")} quote";
            return false;
        }

        if (inWord)
        {
            result.Add(word.ToString());
        }

        error = null;
        return true;
    }
}
