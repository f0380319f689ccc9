using System.Reflection;

namespace Converge.Core.Templates.Jinja;

/// <summary>
/// The Python signature Ansible 2.14 gives a filter or test (recorded by <c>Filters/record-signatures.py</c> into
/// <c>Filters/signatures.txt</c>), so a call with arguments Python would refuse (<c>5 | upper(1, 2)</c>, an unknown
/// keyword, a missing argument) is an error here too, saying how the filter is called, instead of being ignored.
/// </summary>
public sealed class PythonSignature
{
    private static readonly Lazy<(Dictionary<string, PythonSignature> Filters, Dictionary<string, PythonSignature> Tests)> Recorded = new(Load);

    private readonly List<(string Name, bool Required)> _positional = [];
    private readonly HashSet<string> _keywordOnly = new(StringComparer.Ordinal);
    private bool _varArgs;
    private bool _varKeywords;

    private PythonSignature(string kind, string name)
    {
        Kind = kind;
        Name = name;
    }

    public string Kind { get; }

    public string Name { get; }

    public static PythonSignature? OfFilter(string name) => Recorded.Value.Filters.GetValueOrDefault(name);

    public static PythonSignature? OfTest(string name) => Recorded.Value.Tests.GetValueOrDefault(name);

    /// <summary>Why these arguments do not fit, as Python would refuse them; null when they fit.</summary>
    public string? Mismatch(int positional, IEnumerable<string> keywords)
    {
        if (!_varArgs && positional > _positional.Count)
        {
            var takes = _positional.Count == 0 ? "no arguments" : $"at most {_positional.Count} argument{(_positional.Count == 1 ? string.Empty : "s")}";
            return $"{Kind} '{Name}' takes {takes} besides its input, {positional} given; call it as {Usage}";
        }

        var filled = new HashSet<string>(_positional.Take(positional).Select(p => p.Name), StringComparer.Ordinal);
        foreach (var keyword in keywords)
        {
            if (filled.Contains(keyword))
            {
                return $"{Kind} '{Name}' got two values for '{keyword}' (by position and by name); call it as {Usage}";
            }

            if (!_varKeywords && !_keywordOnly.Contains(keyword) && !_positional.Any(p => p.Name == keyword))
            {
                return $"{Kind} '{Name}' has no argument named '{keyword}'; call it as {Usage}";
            }

            filled.Add(keyword);
        }

        var missing = _positional.Where(p => p.Required && !filled.Contains(p.Name)).Select(p => $"'{p.Name}'").ToList();
        return missing.Count == 0 ? null : $"{Kind} '{Name}' is missing {string.Join(", ", missing)}; call it as {Usage}";
    }

    /// <summary>How the call is written, e.g. <c>value | join(d=…, attribute=…)</c> or <c>value is version(version, operator=…)</c>.</summary>
    public string Usage
    {
        get
        {
            var parts = _positional.Select(p => p.Required ? p.Name : p.Name + "=…")
                .Concat(_varArgs ? ["…"] : [])
                .Concat(_keywordOnly.Select(k => k + "=…"))
                .ToList();
            var separator = Kind == "filter" ? " | " : " is ";
            return parts.Count == 0 ? $"value{separator}{Name}" : $"value{separator}{Name}({string.Join(", ", parts)})";
        }
    }

    private static (Dictionary<string, PythonSignature>, Dictionary<string, PythonSignature>) Load()
    {
        var filters = new Dictionary<string, PythonSignature>(StringComparer.Ordinal);
        var tests = new Dictionary<string, PythonSignature>(StringComparer.Ordinal);
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Converge.Jinja.Signatures")
            ?? throw new InvalidOperationException("the recorded filter signatures are missing from Engine.Core");
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length < 2)
            {
                continue;
            }

            var signature = new PythonSignature(words[0], words[1]);
            foreach (var word in words.Skip(2))
            {
                if (word.StartsWith("**", StringComparison.Ordinal))
                {
                    signature._varKeywords = true;
                }
                else if (word.StartsWith('*'))
                {
                    signature._varArgs = true;
                }
                else if (word.EndsWith("=kw", StringComparison.Ordinal))
                {
                    signature._keywordOnly.Add(word[..^3]);
                }
                else
                {
                    signature._positional.Add((word.TrimEnd('='), !word.EndsWith('=')));
                }
            }

            (words[0] == "filter" ? filters : tests)[words[1]] = signature;
        }

        return (filters, tests);
    }
}
