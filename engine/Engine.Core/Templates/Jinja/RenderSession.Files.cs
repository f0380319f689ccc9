namespace Converge.Core.Templates.Jinja;

/// <summary>Finding controller files for <c>include</c>, <c>lookup('file')</c> and <c>lookup('template')</c>.</summary>
public sealed partial class RenderSession
{
    /// <summary>Where relative paths are looked for, in order: the current template's directory, then the search path.</summary>
    public IEnumerable<string> Directories =>
        (_templatePath is null ? [] : new[] { Path.GetDirectoryName(Path.GetFullPath(_templatePath))! }).Concat(SearchPath).Distinct(StringComparer.Ordinal);

    public string SearchPathText => string.Join(", ", Directories);

    /// <summary>The first existing file for a relative or absolute name, trying each directory and its <paramref name="subdirectory"/>.</summary>
    public string? FindFile(string name, string? subdirectory = null)
    {
        if (Path.IsPathRooted(name))
        {
            return System.IO.File.Exists(name) ? name : null;
        }

        foreach (var directory in Directories)
        {
            // As Ansible's path_dwim_relative_stack: no second subfolder when the name already starts with it ('files/x').
            if (subdirectory is not null && name.Split('/')[0] != subdirectory && System.IO.File.Exists(Path.Combine(directory, subdirectory, name)))
            {
                return Path.Combine(directory, subdirectory, name);
            }

            if (System.IO.File.Exists(Path.Combine(directory, name)))
            {
                return Path.Combine(directory, name);
            }
        }

        return null;
    }

    internal CompiledTemplate? LoadInclude(string name, int line, int column)
    {
        var path = FindFile(name, "templates");
        if (path is null)
        {
            return null;
        }

        try
        {
            return Environment.File(path, System.IO.File.ReadAllText(path));
        }
        catch (IOException e)
        {
            throw new TemplateRuntimeException($"cannot read '{path}': {e.Message}", line, column);
        }
    }
}
