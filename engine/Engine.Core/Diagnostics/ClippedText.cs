namespace Converge.Core.Diagnostics;

/// <summary>
/// Shortens text that is echoed to people (a failed command's argv, a failure message): a 20 MB argument
/// list helps no one in a terminal or a JSON report, so the middle is cut and the cut is counted.
/// </summary>
public static class ClippedText
{
    /// <summary>What a failure message or command keeps: enough to recognise and reproduce it.</summary>
    public const int MaxLength = 4096;

    public static string Clip(string text, int maxLength = MaxLength)
    {
        if (text.Length <= maxLength)
        {
            return text;
        }

        // Keep both ends: the program and its first arguments, and the tail where the differing part often is.
        var head = maxLength * 3 / 4;
        var tail = maxLength - head;
        var cut = text.Length - head - tail;
        return $"{text[..head]} [... {cut} characters cut ...] {text[^tail..]}";
    }
}
