namespace Converge.Core.Templates.Jinja;

/// <summary>An object that knows the path it is reached by (<c>hostvars.web1</c>), so a missing member is named in full.</summary>
public interface IJinjaPath
{
    string Path { get; }
}
