namespace Converge.Core.Templates.Jinja;

/// <summary>
/// Whitespace options of a template. Ansible's defaults: <c>trim_blocks</c> on (the newline after a block
/// tag goes), <c>lstrip_blocks</c> off, the trailing newline kept. A first line <c>#jinja2: key: value, ...</c>
/// overrides them for one template file, as Ansible's template module allows.
/// </summary>
public sealed record JinjaOptions(bool TrimBlocks = true, bool LstripBlocks = false, bool KeepTrailingNewline = true)
{
    public static JinjaOptions Ansible { get; } = new();
}
