using System.Buffers;
using System.Text;

namespace Converge.Core.Connections;

/// <summary>The one quoting function for POSIX shells (sh -c on the target).</summary>
public static class ShellQuote
{
    private static readonly SearchValues<char> Safe =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@%_-+=:,./");

    /// <summary>Quotes one word so the shell passes it through unchanged.</summary>
    public static string Quote(string word)
    {
        if (word.Length > 0 && !word.AsSpan().ContainsAnyExcept(Safe))
        {
            return word;
        }

        // Inside single quotes nothing is special except the quote itself: close, escape it, reopen.
        return "'" + word.Replace("'", "'\"'\"'", StringComparison.Ordinal) + "'";
    }

    public static string Join(IEnumerable<string> words)
    {
        var line = new StringBuilder();
        foreach (var word in words)
        {
            if (line.Length > 0)
            {
                line.Append(' ');
            }

            line.Append(Quote(word));
        }

        return line.ToString();
    }
}
