using Converge.Core.Diagnostics;
using Converge.Core.Running;
using Converge.Core.Templates;
using Converge.Core.Vault;
using Converge.Modules;

namespace Converge.Cli.Commands.Common;

/// <summary>The engine as the CLI uses it: built-in modules and planners, one template engine.</summary>
internal static class ConvergeEngine
{
    public static TemplateEngine Templates { get; } = new();

    public static RunLoader Loader() => new(BuiltinCatalog.Modules(), BuiltinCatalog.Planners(), Templates);

    public static Runner Runner() => new(BuiltinCatalog.Modules(), Templates);

    /// <summary>Loads and validates; on invalid input prints every diagnostic and returns null (exit 1).</summary>
    public static LoadedRun? TryLoad(Func<RunRequest> request, TextWriter error)
    {
        try
        {
            return Loader().Load(request());
        }
        catch (ConfigurationException e)
        {
            error.Write(DiagnosticFormatter.Format(e.Diagnostics));
            WriteUnreached(e.Unreached, error);
            return null;
        }
        catch (VaultException e)
        {
            // A vault password source that cannot be read: nothing was loaded or contacted.
            error.WriteLine("converge: " + e.Message);
            return null;
        }
    }


    /// <summary>One note per file and condition for tasks whose diagnostics were held back because no host reaches them.</summary>
    public static void WriteUnreached(UnreachedTasks unreached, TextWriter output)
    {
        foreach (var note in unreached.Notes)
        {
            output.WriteLine($"note: {note.Span}: {note.Message}");
        }
    }
}
