namespace Converge.Core.Templates.Jinja;

/// <summary>
/// Whitespace options of a template. Ansible's defaults: <c>trim_blocks</c> on (the newline after a block
/// tag goes), <c>lstrip_blocks</c> off, the trailing newline kept. A first line <c>#jinja2: key: value, ...</c>
/// overrides them for one template file, as Ansible's template module allows.
/// <para><see cref="EscapeBackslashes"/> is Ansible's <c>_escape_backslashes</c> for task values: inside <c>{{ }}</c> a
/// string literal's backslashes are literal (<c>'\d+'</c> is a backslash and a d), so YAML's one level of escaping is
/// the only one; template files and <c>{% %}</c> tags decode escapes as Jinja does.</para>
/// </summary>
public sealed record JinjaOptions(bool TrimBlocks = true, bool LstripBlocks = false, bool KeepTrailingNewline = true, bool EscapeBackslashes = false)
{
    public static JinjaOptions Ansible { get; } = new();
}
