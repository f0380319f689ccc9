using System.Security.Cryptography;
using System.Text;

namespace Converge.Modules.Tests.Common;

/// <summary>A textual picture of a directory tree (paths, kinds, modes, hashes, times) for before/after comparisons.</summary>
public static class TreeSnapshot
{
    public static string Take(string root)
    {
        var text = new StringBuilder();
        foreach (var entry in new DirectoryInfo(root).EnumerateFileSystemInfos("*", SearchOption.AllDirectories).OrderBy(e => e.FullName, StringComparer.Ordinal))
        {
            text.Append(System.IO.Path.GetRelativePath(root, entry.FullName)).Append(' ')
                .Append(entry.UnixFileMode).Append(' ')
                .Append(entry.LastWriteTimeUtc.Ticks);
            if (entry is FileInfo file && entry.LinkTarget is null)
            {
                text.Append(' ').Append(Convert.ToHexStringLower(SHA256.HashData(System.IO.File.ReadAllBytes(file.FullName))));
            }

            text.AppendLine();
        }

        return text.ToString();
    }
}
