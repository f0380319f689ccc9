using Converge.TestKit.Sshd;

namespace Converge.TestKit.Files;

/// <summary>
/// A real, tiny tmpfs mounted on a fresh directory (root only), to fill a filesystem and see what a
/// write does on ENOSPC. Unmounted and removed afterwards.
/// </summary>
public sealed class SmallFilesystem : IAsyncDisposable
{
    private SmallFilesystem(string path) => Path = path;

    public string Path { get; }

    /// <summary>Mounts a tmpfs of <paramref name="kilobytes"/> KiB in a new directory under <paramref name="parent"/>.</summary>
    public static async Task<SmallFilesystem> MountAsync(string parent, int kilobytes)
    {
        var path = Directory.CreateDirectory(System.IO.Path.Combine(parent, "tmpfs-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        await ProcessRunner.RunAsync("mount", ["-t", "tmpfs", "-o", $"size={kilobytes}k,mode=0755", "tmpfs", path]);
        return new SmallFilesystem(path);
    }

    /// <summary>Fills the filesystem with a file of zeros, leaving about <paramref name="leftKilobytes"/> KiB free.</summary>
    public async Task FillAsync(int leftKilobytes)
    {
        var free = new DriveInfo(Path).AvailableFreeSpace;
        await File.WriteAllBytesAsync(System.IO.Path.Combine(Path, "filler"), new byte[Math.Max(0, free - (leftKilobytes * 1024L))]);
    }

    public async ValueTask DisposeAsync()
    {
        await ProcessRunner.RunAsync("umount", ["-l", Path], check: false);
        Directory.Delete(Path, recursive: true);
    }
}
