using Converge.Core.Diagnostics;

namespace Converge.Core.Playbooks;

/// <summary>
/// A task keyword written as a template (<c>ignore_errors: "{{ ansible_check_mode }}"</c>): Ansible renders it per
/// host when the task runs and then checks its type, so Converge keeps the text and where it was written.
/// </summary>
public sealed record KeywordTemplate(string Keyword, string Text, SourceSpan Span);
