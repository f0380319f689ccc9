using System.Text;

namespace Converge.Core.Inventory;

/// <summary>
/// Python's <c>shlex.split(line, comments=True)</c> in POSIX mode, which Ansible's INI plugin uses to split a
/// host line: quotes are removed, a backslash escapes the next character, and <c>#</c> starts a comment even
/// inside a word. Each word carries its 0-based start offset in the line, for diagnostics.
/// </summary>
internal static class ShellWords
{
    public static bool TrySplit(string line, out List<(string Word, int Offset)> words, out string? error)
    {
        var result = new List<(string Word, int Offset)>();
        words = result;
        error = null;
        var word = new StringBuilder();
        var inWord = false;
        var start = 0;
        var i = 0;
        while (i < line.Length)
        {
            var c = line[i];
            if (char.IsWhiteSpace(c))
            {
                Flush();
                i++;
                continue;
            }

            if (c == '#')
            {
                break;
            }

            if (!inWord)
            {
                inWord = true;
                start = i;
            }

            if (c == '\\')
            {
                if (i + 1 >= line.Length)
                {
                    error = "no escaped character after the final backslash";
                    return false;
                }

                word.Append(line[i + 1]);
                i += 2;
                continue;
            }

            if (c is '\'' or '"')
            {
                var close = i + 1;
                while (close < line.Length && line[close] != c)
                {
                    // Inside double quotes a backslash escapes only a double quote or a backslash.
                    if (c == '"' && line[close] == '\\' && close + 1 < line.Length && line[close + 1] is '"' or '\\')
                    {
                        word.Append(line[close + 1]);
                        close += 2;
                        continue;
                    }

                    word.Append(line[close]);
                    close++;
                }

                if (close >= line.Length)
                {
                    error = "no closing quotation";
                    return false;
                }

                i = close + 1;
                continue;
            }

            word.Append(c);
            i++;
        }

        Flush();
        return true;

        void Flush()
        {
            if (inWord)
            {
                result.Add((word.ToString(), start));
                word.Clear();
                inWord = false;
            }
        }
    }
}
