using System.Collections.Concurrent;

namespace Converge.Core.Secrets;

/// <summary>
/// Knows every secret value of a run and removes them from any text bound for logs, diffs or reports,
/// so a secret that slipped into a command's output is still never printed.
/// </summary>
public sealed class Redactor
{
    private readonly ConcurrentDictionary<string, byte> _values = new(StringComparer.Ordinal);

    public void Register(Secret secret)
    {
        var value = secret.Reveal();
        if (value.Length >= 3)
        {
            _values.TryAdd(value, 0);
        }
    }

    /// <summary>Whether <paramref name="text"/> holds any secret of the run (what <see cref="Redact"/> would change), without copying it.</summary>
    public bool Reveals(string text) => !_values.IsEmpty && _values.Keys.Any(v => text.Contains(v, StringComparison.Ordinal));

    public string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text) || _values.IsEmpty)
        {
            return text ?? string.Empty;
        }

        foreach (var value in _values.Keys.OrderByDescending(v => v.Length))
        {
            text = text.Replace(value, Secret.Redacted, StringComparison.Ordinal);
        }

        return text;
    }
}
