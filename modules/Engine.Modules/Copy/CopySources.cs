using Converge.Core.Diagnostics;
using Converge.Core.Modules;
using Converge.Modules.Common;

namespace Converge.Modules.Copy;

/// <summary>What a recursive or host-side copy makes: the <see cref="CopyItem"/>s of a controller directory or of a host path.</summary>
public static class CopySources
{
    /// <summary>
    /// A controller directory, as Ansible's copy action walks it: without a trailing <c>/</c> the directory itself is made
    /// inside <c>dest</c>; with one only its contents, and <c>dest</c> is created if missing. Symlinks are followed.
    /// </summary>
    public static async Task<IReadOnlyList<CopyItem>> FromControllerAsync(string directory, CopyParams p, CancellationToken ct)
    {
        var root = Root(p);
        var items = new List<CopyItem> { new(root, IsDirectory: true) { Mode = p.DirectoryMode, Managed = !p.Src!.EndsWith('/'), CreateMode = p.DirectoryMode } };
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = false };
        foreach (var path in Directory.EnumerateFileSystemEntries(directory, "*", options).Order(StringComparer.Ordinal))
        {
            var dest = root + "/" + Path.GetRelativePath(directory, path).Replace('\\', '/');
            if (Directory.Exists(path))
            {
                items.Add(new CopyItem(dest, IsDirectory: true) { Mode = p.DirectoryMode });
            }
            else if (File.Exists(path))
            {
                var content = await FileContent.FromLocalFileAsync(path, ct);
                var mode = p.Mode == CopyItem.Preserve ? FileModes.Format((int)File.GetUnixFileMode(path)) : p.Mode;
                items.Add(new CopyItem(dest, IsDirectory: false) { Sha256 = content.Sha256, LocalPath = path, Mode = mode });
            }
            else
            {
                throw new TaskFailedException($"src '{p.Src}': {path} is a broken symlink; copy follows links in the source (local_follow)");
            }
        }

        return items;
    }

    /// <summary>A host directory (<c>remote_src</c>), from its listing and its own mode: directories and regular files, each keeping its mode (as shutil.copytree).</summary>
    public static IReadOnlyList<CopyItem> FromHostTree(TreeListing tree, string sourceMode, CopyParams p)
    {
        var root = Root(p);
        var source = p.Src!.TrimEnd('/');
        var items = new List<CopyItem> { new(root, IsDirectory: true) { Mode = p.DirectoryMode, Managed = !p.Src!.EndsWith('/'), CreateMode = sourceMode } };
        foreach (var entry in tree.Entries.Values.OrderBy(e => e.Path, StringComparer.Ordinal))
        {
            var dest = root + "/" + entry.Path;
            if (entry.IsDirectory)
            {
                items.Add(new CopyItem(dest, IsDirectory: true) { Mode = p.DirectoryMode, CreateMode = entry.ModeOctal });
            }
            else if (entry.IsFile)
            {
                var mode = p.Mode is null or CopyItem.Preserve ? entry.ModeOctal : p.Mode;
                items.Add(new CopyItem(dest, IsDirectory: false) { Sha256 = entry.Sha256, RemotePath = source + "/" + entry.Path, Mode = p.Mode is null ? null : mode, PreserveMode = true });
            }
        }

        return items;
    }

    /// <summary>Where a directory source lands: <c>dest</c> itself for <c>src/</c>, else <c>dest/NAME</c>.</summary>
    public static string Root(CopyParams p) =>
        p.Src!.EndsWith('/') ? p.Dest.TrimEnd('/') : p.Dest.TrimEnd('/') + "/" + Path.GetFileName(p.Src.TrimEnd('/'));
}
