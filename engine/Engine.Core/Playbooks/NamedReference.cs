using Converge.Core.Diagnostics;

namespace Converge.Core.Playbooks;

/// <summary>A name that points at another task or handler (<c>notify</c>, <c>requires</c>), with where it was written.</summary>
public sealed record NamedReference(string Name, SourceSpan Span);
