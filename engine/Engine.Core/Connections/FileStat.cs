namespace Converge.Core.Connections;

/// <summary>What <c>stat</c> says about a path (symlinks are not followed); <see cref="Mode"/> holds permission bits only (e.g. 0o644).</summary>
public sealed record FileStat(string Path, FileKind Kind, long Size, int Mode, string Owner, string Group)
{
    /// <summary>The permission bits as four octal digits, e.g. <c>0644</c>.</summary>
    public string ModeOctal => "0" + Convert.ToString(Mode & 0xFFF, 8).PadLeft(3, '0');
}
