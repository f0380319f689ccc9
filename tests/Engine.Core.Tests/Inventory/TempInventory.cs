namespace Converge.Core.Tests.Inventory;

/// <summary>A throwaway directory of real inventory files for a test.</summary>
internal sealed class TempInventory : IDisposable
{
    public TempInventory()
    {
        Root = Path.Combine(Path.GetTempPath(), "converge-inventory-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    /// <summary>Writes a file under the root (creating folders) and returns its full path.</summary>
    public string Write(string relativePath, string text)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public string PathOf(string relativePath) => Path.Combine(Root, relativePath);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
