using Converge.Core.Diagnostics;

namespace Converge.Core.Binding;

/// <summary>Params that cannot be bound or are invalid; carries every problem with its place.</summary>
public sealed class BindingException(IReadOnlyList<Diagnostic> problems)
    : ConvergeException(string.Join("; ", problems.Select(p => p.Message)))
{
    public IReadOnlyList<Diagnostic> Problems { get; } = problems;
}
