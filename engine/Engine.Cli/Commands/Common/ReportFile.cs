namespace Converge.Cli.Commands.Common;

/// <summary>The JSON report's path, checked before the run so a typo cannot lose the report of a finished run.</summary>
internal static class ReportFile
{
    /// <summary>Why <paramref name="file"/> cannot be written, or null when it can (it is created and removed to find out).</summary>
    public static string? Problem(string file)
    {
        if (file.Length == 0)
        {
            return "the file name is empty";
        }

        string full;
        try
        {
            full = Path.GetFullPath(file);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return $"'{file}' is not a valid path: {e.Message}";
        }

        if (Directory.Exists(full))
        {
            return $"'{file}' is a directory; name a file";
        }

        var directory = Path.GetDirectoryName(full);
        if (directory is null || !Directory.Exists(directory))
        {
            return $"the directory of '{file}' does not exist ({directory}); create it first";
        }

        var existed = File.Exists(full);
        try
        {
            using (new FileStream(full, FileMode.OpenOrCreate, FileAccess.Write))
            {
            }

            if (!existed)
            {
                File.Delete(full);
            }

            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cannot write '{file}': {e.Message}";
        }
    }
}
