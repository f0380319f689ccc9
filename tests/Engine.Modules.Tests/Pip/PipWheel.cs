using System.IO.Compression;

namespace Converge.Modules.Tests.Pip;

/// <summary>
/// A pure-Python wheel made by the test (a zip with the package and its dist-info, as PEP 427 lays it out), so pip
/// installs from a local folder with <c>--no-index --find-links</c> and no package index is ever asked.
/// </summary>
internal static class PipWheel
{
    public static void Write(string folder, string version)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"converge_demo-{version}-py3-none-any.whl");
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        Add(zip, "converge_demo/__init__.py", $"VERSION = \"{version}\"\n");
        Add(zip, $"converge_demo-{version}.dist-info/METADATA", $"Metadata-Version: 2.1\nName: converge-demo\nVersion: {version}\n");
        Add(zip, $"converge_demo-{version}.dist-info/WHEEL", "Wheel-Version: 1.0\nGenerator: converge-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n");
        Add(zip, $"converge_demo-{version}.dist-info/RECORD", string.Empty);
    }

    private static void Add(ZipArchive zip, string name, string text)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name).Open());
        writer.Write(text);
    }
}
