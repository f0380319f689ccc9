using System.Text;
using YamlDotNet.RepresentationModel;

namespace Converge.Core.Playbooks;

/// <summary>
/// Ansible's <c>k=v</c> free form (<c>file: path=/x state=directory</c>) and the inline options of the
/// command-like modules (<c>command: touch x creates=x chdir=/srv</c>), split the way Ansible's
/// <c>parse_kv</c> splits them: on spaces outside quotes and outside <c>{{ }}</c>/<c>{% %}</c>.
/// </summary>
public static partial class FreeFormArguments
{
    /// <summary>Modules whose free form is a command line; only their inline options are taken out of it.</summary>
    private static readonly Dictionary<string, string> CommandModules = new(StringComparer.Ordinal)
    {
        ["command"] = "cmd",
        ["shell"] = "cmd",
    };

    private static readonly string[] InlineOptions = ["creates", "removes", "chdir", "executable", "stdin", "warn"];

    /// <summary>
    /// The params as a mapping when the scalar is in <c>k=v</c> form (every word for ordinary modules; the
    /// inline options for command-like ones, the rest becoming the command), merged with <c>args:</c>;
    /// otherwise the node as written.
    /// </summary>
    public static YamlNode? Normalize(string module, YamlNode? parameters, YamlMappingNode? args)
    {
        var mapping = parameters is YamlScalarNode { Value: { Length: > 0 } text } ? Split(module, text) : null;
        if (mapping is null && args is null)
        {
            return parameters;
        }

        var result = new YamlMappingNode();
        if (mapping is not null)
        {
            foreach (var (key, value) in mapping)
            {
                result.Add(key, value);
            }
        }
        else if (parameters is YamlMappingNode written)
        {
            foreach (var (key, value) in written.Children)
            {
                result.Add(key, value);
            }
        }
        else if (parameters is YamlScalarNode { Value: { Length: > 0 } } scalar && CommandModules.TryGetValue(module, out var freeKey))
        {
            result.Add(freeKey, scalar);
        }
        else if (parameters is YamlScalarNode { Value: { Length: > 0 } })
        {
            return parameters;
        }

        foreach (var (key, value) in args?.Children ?? Enumerable.Empty<KeyValuePair<YamlNode, YamlNode>>())
        {
            if (!result.Children.ContainsKey(key))
            {
                result.Add(key, value);
            }
        }

        return result;
    }

    /// <summary>
    /// The keys of a <c>k=v</c> text as written, templates kept (<c>"{{ item.key }}={{ item.value }}"</c> has the key
    /// <c>{{ item.key }}</c>, known only once rendered, as Ansible parses <c>k=v</c> after templating).
    /// </summary>
    public static IEnumerable<string> Keys(string text) =>
        Words(text).Select(w => (Word: w, At: w.IndexOf('=', StringComparison.Ordinal))).Where(w => w.At > 0).Select(w => w.Word[..w.At]);

    private static List<(string Key, YamlNode Value)>? Split(string module, string text)
    {
        var words = Words(text);
        if (CommandModules.TryGetValue(module, out var freeKey))
        {
            var options = words.Select(w => (Word: w, Pair: Pair(w))).ToList();
            var inline = options.Where(o => o.Pair is { } p && InlineOptions.Contains(p.Key)).ToList();
            if (inline.Count == 0)
            {
                return null;
            }

            var rest = string.Join(' ', options.Where(o => !inline.Contains(o)).Select(o => o.Word));
            return [(freeKey, new YamlScalarNode(rest)), .. inline.Select(o => (o.Pair!.Value.Key, (YamlNode)new YamlScalarNode(o.Pair.Value.Value)))];
        }

        var pairs = words.Select(Pair).ToList();
        return pairs.Count > 0 && pairs.All(p => p is not null)
            ? [.. pairs.Select(p => (p!.Value.Key, (YamlNode)new YamlScalarNode(p.Value.Value)))]
            : null;
    }

    private static (string Key, string Value)? Pair(string word)
    {
        // A key is a name, or one template rendered when the task runs (Ansible splits k=v before templating, and
        // set_fact renders its keys: `set_fact: "{{ item.key }}={{ item.value }}"`).
        var equals = word.StartsWith("{{", StringComparison.Ordinal) ? word.IndexOf("}}=", StringComparison.Ordinal) + 2 : word.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0 || !(word[..equals].All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-') || IsOneTemplate(word[..equals])))
        {
            return null;
        }

        var value = word[(equals + 1)..];
        if (value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0])
        {
            value = value[1..^1];
        }

        return (word[..equals], DecodeEscapes(value));
    }

    private static bool IsOneTemplate(string key) =>
        key.StartsWith("{{", StringComparison.Ordinal) && key.EndsWith("}}", StringComparison.Ordinal) && key.IndexOf("}}", StringComparison.Ordinal) == key.Length - 2;

    /// <summary>
    /// Ansible's <c>parse_kv</c> decodes Python's string escapes in every <c>k=v</c> word (<c>content="a\n"</c> ends
    /// in a newline): <c>\n \t \r \\ \" \' \a \b \f \v \xHH \uHHHH</c> (see ansible/parsing/splitter.py, _decode_escapes).
    /// </summary>
    private static string DecodeEscapes(string value) =>
        !value.Contains('\\', StringComparison.Ordinal) ? value : EscapeSequence().Replace(value, m => m.Value[1] switch
        {
            'n' => "\n",
            't' => "\t",
            'r' => "\r",
            'a' => "\a",
            'b' => "\b",
            'f' => "\f",
            'v' => "\v",
            'x' or 'u' => ((char)Convert.ToInt32(m.Value[2..], 16)).ToString(),
            _ => m.Value[1..],
        });

    [System.Text.RegularExpressions.GeneratedRegex(@"\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|[\\'""abfnrtv])")]
    private static partial System.Text.RegularExpressions.Regex EscapeSequence();

    /// <summary>Splits on spaces that are outside quotes and template braces; quotes are kept for <see cref="Pair"/>.</summary>
    private static List<string> Words(string text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        char? quote = null;
        var depth = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote is null && depth == 0 && char.IsWhiteSpace(c))
            {
                if (current.Length > 0)
                {
                    words.Add(current.ToString());
                    current.Clear();
                }

                continue;
            }

            if (quote is null && (c == '"' || c == '\'') && depth == 0)
            {
                quote = c;
            }
            else if (quote == c)
            {
                quote = null;
            }
            else if (quote is null && c is '{' && i + 1 < text.Length && text[i + 1] is '{' or '%')
            {
                depth++;
            }
            else if (quote is null && c is '}' or '%' && i + 1 < text.Length && text[i + 1] == '}' && depth > 0)
            {
                depth--;
            }

            current.Append(c);
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        return words;
    }
}
