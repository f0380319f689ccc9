namespace Converge.Modules.WriteInterfaces;

/// <summary>
/// Hands interfaces over from the main interfaces file to the mesh file (<c>take_over: true</c>): the
/// <c>iface</c> stanzas of those interfaces are commented out with their options, and they are dropped from
/// <c>auto</c>/<c>allow-*</c> lines, so ifupdown sees each interface once. Everything else stays as written.
/// </summary>
public static class InterfacesTakeOver
{
    public const string Mark = "# taken over by converge write-interfaces: ";

    private static readonly string[] Keywords = ["iface", "mapping", "auto", "source", "source-directory", "rename", "no-auto-down", "no-scripts"];

    public static string Apply(string text, IReadOnlyCollection<string> interfaces)
    {
        var lines = text.Split('\n');
        var inTakenStanza = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var words = lines[i].Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0 || words[0].StartsWith('#'))
            {
                continue;
            }

            var keyword = words[0];
            if (Keywords.Contains(keyword) || keyword.StartsWith("allow-", StringComparison.Ordinal))
            {
                inTakenStanza = keyword == "iface" && words.Length > 1 && interfaces.Contains(words[1]);
                if (inTakenStanza)
                {
                    lines[i] = Mark + lines[i];
                }
                else if ((keyword == "auto" || keyword.StartsWith("allow-", StringComparison.Ordinal)) && words.Skip(1).Any(interfaces.Contains))
                {
                    var kept = words.Skip(1).Where(w => !interfaces.Contains(w)).ToList();
                    lines[i] = kept.Count == 0 ? Mark + lines[i] : $"{keyword} {string.Join(' ', kept)} {Mark.TrimEnd(' ', ':')} ({string.Join(' ', words.Skip(1).Where(interfaces.Contains))})";
                }
            }
            else if (inTakenStanza)
            {
                lines[i] = Mark + lines[i];
            }
        }

        return string.Join('\n', lines);
    }
}
