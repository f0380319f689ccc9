namespace Converge.Core.Connections;

public enum FileKind
{
    File,
    Directory,
    Symlink,
    Other,
}
