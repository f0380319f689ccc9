using Converge.Core.Diagnostics;

namespace Converge.Core.Playbooks;

/// <summary>
/// One entry of a play's <c>vars_prompt</c>: the variable, the question, its default, and whether the typed value
/// is hidden (<c>private</c>, Ansible's default) and asked twice (<c>confirm</c>).
/// </summary>
public sealed record VarsPrompt(string Name, string Prompt, object? Default, bool Private, bool Confirm, SourceSpan Span);
