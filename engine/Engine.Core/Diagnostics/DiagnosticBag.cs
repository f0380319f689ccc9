namespace Converge.Core.Diagnostics;

/// <summary>
/// Collects every configuration diagnostic of a load so that all of them are printed together.
/// Thread-safe, because validation of hosts runs in parallel.
/// </summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];
    private readonly HashSet<Diagnostic> _seen = [];
    private readonly Lock _gate = new();

    public bool HasErrors
    {
        get { lock (_gate) { return _items.Count > 0; } }
    }

    public IReadOnlyList<Diagnostic> Items
    {
        get { lock (_gate) { return [.. _items.OrderBy(d => d.Span.File, StringComparer.Ordinal).ThenBy(d => d.Span.Line).ThenBy(d => d.Span.Column)]; } }
    }

    /// <summary>Adds a diagnostic; the same message at the same place is kept once.</summary>
    public void Add(SourceSpan span, string message) => Add(new Diagnostic(span, message));

    /// <summary>Adds a diagnostic with its kind and names; the same one is kept once.</summary>
    public void Add(Diagnostic diagnostic)
    {
        lock (_gate)
        {
            if (_seen.Add(diagnostic))
            {
                _items.Add(diagnostic);
            }
        }
    }

    public void AddRange(IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var d in diagnostics)
        {
            Add(d);
        }
    }

    /// <summary>Throws <see cref="ConfigurationException"/> carrying every diagnostic when there is any.</summary>
    public void ThrowIfErrors()
    {
        if (HasErrors)
        {
            throw new ConfigurationException(Items);
        }
    }
}
