using System.Security.Cryptography;

namespace Converge.Lab;

/// <summary>
/// The shell scripts embedded in this assembly: the machine-side ones (image build, supervisor,
/// boot) and the guest ones bind-mounted into every host as /usr/lib/converge-lab (init, reboot
/// shim, systemctl shim, runlevel).
/// </summary>
public static class LabScripts
{
    /// <summary>Names the guest's power commands answer to; all are the reboot shim, which reads its name.</summary>
    private static readonly string[] PowerAliases = ["halt", "poweroff", "shutdown"];

    public static string Read(string logicalName)
    {
        using var stream = typeof(LabScripts).Assembly.GetManifestResourceStream(logicalName)
            ?? throw new InvalidOperationException($"embedded lab script {logicalName} is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static string Sha256(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));

    /// <summary>Writes the machine-side scripts to <c>dir/bin</c> and the guest files to <c>dir/guest</c>.</summary>
    public static void Extract(string dir)
    {
        foreach (var name in typeof(LabScripts).Assembly.GetManifestResourceNames())
        {
            var (folder, file) = name.StartsWith("scripts/", StringComparison.Ordinal) ? ("bin", name["scripts/".Length..])
                : name.StartsWith("guest/", StringComparison.Ordinal) ? ("guest", name["guest/".Length..])
                : (null, null);
            if (folder is null || file is null)
            {
                continue;
            }

            var path = Path.Combine(dir, folder, file);
            WriteExecutable(path, Read(name));
        }

        foreach (var alias in PowerAliases)
        {
            var link = Path.Combine(dir, "guest", alias);
            File.Delete(link);
            File.CreateSymbolicLink(link, "reboot");
        }
    }

    public static void WriteExecutable(string path, string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
    }
}
