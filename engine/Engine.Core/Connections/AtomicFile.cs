namespace Converge.Core.Connections;

/// <summary>
/// Atomic replacement of a local file: write a temp file in the same directory, fsync it, set its
/// mode, then rename over the target (rename(2) is atomic within a filesystem), so readers see the
/// old or the new content and never a half-written file.
/// </summary>
public static class AtomicFile
{
    public static async Task WriteAsync(string path, ReadOnlyMemory<byte> content, FileWriteOptions options, CancellationToken ct)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.converge-{Guid.NewGuid():N}");
        var existingMode = File.Exists(path) ? File.GetUnixFileMode(path) : (UnixFileMode?)null;
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
            {
                await stream.WriteAsync(content, ct);
                await stream.FlushAsync(ct);
                stream.Flush(flushToDisk: true);
            }

            var mode = options.Mode is { } m ? (UnixFileMode)m : existingMode ?? (UnixFileMode)0b110_100_100;
            File.SetUnixFileMode(temp, mode);
            if (options.Backup && File.Exists(path))
            {
                File.Copy(path, $"{path}.converge-{DateTime.UtcNow:yyyyMMddHHmmss}~", overwrite: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }
}
