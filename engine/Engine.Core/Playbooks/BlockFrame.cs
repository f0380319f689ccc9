using Converge.Core.Diagnostics;

namespace Converge.Core.Playbooks;

/// <summary>
/// One <c>block:</c> as written: the identity its <c>block</c>, <c>rescue</c> and <c>always</c> sections share, so
/// the runner can tell, per host, whether the block failed and which section runs next. Compared by reference:
/// two blocks with the same text are still two blocks (and a task file included twice gives new frames).
/// </summary>
public sealed class BlockFrame(string? name, SourceSpan span, bool hasRescue)
{
    public string? Name { get; } = name;

    public SourceSpan Span { get; } = span;

    /// <summary>Whether a failure in the block's own tasks is caught (Ansible's <c>rescue:</c>).</summary>
    public bool HasRescue { get; } = hasRescue;

    public override string ToString() => Name ?? $"block at {Span}";
}
