namespace Converge.Core.Templates.Jinja;

/// <summary>
/// The value of a name, key or attribute that does not exist. Only <c>is defined</c>, <c>default</c> and a
/// further lookup (which lengthens the path) accept it; every other use throws, naming the full path and
/// where it was written (Ansible's StrictUndefined behaviour: never a silent empty string or false).
/// </summary>
public sealed class Undefined(string path, int line, int column)
{
    public string Path { get; } = path;

    public int Line { get; } = line;

    public int Column { get; } = column;

    public UndefinedVariableException Error() => new(Path, Line, Column);

    public override string ToString() => throw Error();
}
