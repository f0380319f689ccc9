using Converge.Core.Diagnostics;

namespace Converge.Core.Inventory;

internal sealed partial class IniInventoryParser
{
    /// <summary>A host line: a name or range with an optional port, then <c>key=value</c> words split like a shell.</summary>
    private void ParseHostLine(string raw, int number, SourceSpan at)
    {
        // Upstream strips the line before splitting it, which matters for a trailing escaped blank.
        var indent = raw.Length - raw.TrimStart().Length;
        if (!ShellWords.TrySplit(raw.Trim(), out var words, out var error))
        {
            _inventory.Diagnostics.Add(at, $"cannot parse host line: {error}");
            return;
        }

        if (words.Count == 0)
        {
            return;
        }

        var (entry, _) = words[0];
        if (!HostRange.TryExpand(entry, out var names, out var port, out error))
        {
            _inventory.Diagnostics.Add(at, error!);
            return;
        }

        if (entry.Trim().EndsWith(':') && port is null)
        {
            _inventory.Diagnostics.Add(at, $"invalid host '{entry}': a trailing ':' must be followed by a port number");
            return;
        }

        if (names.Any(n => n.Trim() == "---"))
        {
            _inventory.Diagnostics.Add(at, "invalid host '---': this looks like a YAML file; give it a .yml extension");
            return;
        }

        var variables = new List<(string Key, object? Value, SourceSpan Span)>();
        foreach (var (word, offset) in words.Skip(1))
        {
            var span = new SourceSpan(_path, number, indent + offset + 1);
            var equals = word.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                _inventory.Diagnostics.Add(span, $"expected key=value host variable, got '{word}'");
                continue;
            }

            variables.Add((word[..equals], PythonLiteral.ParseOrText(word[(equals + 1)..]), span));
        }

        foreach (var name in names)
        {
            var host = _inventory.AddHost(name, _group, port, at);
            foreach (var (key, value, span) in variables)
            {
                InventoryBuilder.SetVariable(host, key, value, span);
            }
        }
    }
}
