using System.Collections.Concurrent;
using System.Globalization;

namespace Converge.Core.Connections;

/// <summary>
/// Atomic replacement of a local file: the content goes into a temp file beside the target, created
/// exclusively with mode 0600 (as mkstemp(3) does, so no other user can open it while it fills), fsynced,
/// given the kept or requested owner and mode, then renamed over the target (rename(2) is atomic within a
/// filesystem and replaces a symlink itself, never writing into the directory it points to). Readers see
/// the old or the new content, never a half-written file. A backup is made the same way, so a full disk
/// leaves no truncated backup behind.
/// <para>
/// Temp files are named <c>.NAME.converge-tmp-RANDOM</c> (<see cref="TempMarker"/>); the SSH transport uses
/// the same names (<see cref="Ssh.RemoteFileScripts"/>). A failed or cancelled write removes its temp file,
/// and so does the process exit after a second interrupt; one left by a killed process is removed by the
/// next write of the same file once it is older than <see cref="StaleAfter"/>.
/// </para>
/// </summary>
public static class AtomicFile
{
    /// <summary>What every temp file name contains after <c>.NAME</c>.</summary>
    public const string TempMarker = ".converge-tmp-";

    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private static readonly ConcurrentDictionary<string, byte> InFlight = new(StringComparer.Ordinal);

    static AtomicFile()
    {
        // An aborted run (second Ctrl+C) exits without unwinding: take the temp files of writes in progress with it.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var temp in InFlight.Keys)
            {
                TryDelete(temp);
            }
        };
    }

    /// <summary>A temp file of a write that died this long ago is stale: no write keeps a temp file untouched for so long.</summary>
    public static TimeSpan StaleAfter { get; } = TimeSpan.FromMinutes(60);

    /// <summary>The default mode of a new file (0644), as the SSH transport gives it too.</summary>
    public static UnixFileMode DefaultMode => (UnixFileMode)0b110_100_100;

    /// <summary>
    /// Writes <paramref name="path"/> atomically from <paramref name="writeContent"/>. An existing file keeps its
    /// mode, owner and group unless <paramref name="options"/> sets them; <paramref name="chownAsync"/> runs
    /// <c>chown</c> with the given arguments (a process: .NET has no chown).
    /// </summary>
    public static async Task WriteAsync(string path, Func<Stream, CancellationToken, Task> writeContent, FileWriteOptions options, Func<IReadOnlyList<string>, CancellationToken, Task> chownAsync, CancellationToken ct)
    {
        path = Path.GetFullPath(path);
        RemoveStale(path);
        var existing = File.Exists(path);
        var temp = NewTemp(path);
        try
        {
            await CreateAsync(temp, writeContent, ct);
            if (existing)
            {
                await chownAsync(["--reference=" + path, "--", temp], ct);
            }

            if (options.Owner is not null || options.Group is not null)
            {
                await chownAsync([options.Owner + (options.Group is null ? string.Empty : ":" + options.Group), "--", temp], ct);
            }

            // After chown, which clears the set-id bits.
            File.SetUnixFileMode(temp, options.Mode is { } mode ? (UnixFileMode)(mode & 0xFFF) : existing ? File.GetUnixFileMode(path) : DefaultMode);
            if (options.Backup && existing)
            {
                await BackupAsync(path, chownAsync, ct);
            }

            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            Forget(temp);
        }
    }

    /// <summary>The names of this file's temp files start with this (in its directory).</summary>
    public static string TempPrefix(string path) => "." + Path.GetFileName(path) + TempMarker;

    private static async Task BackupAsync(string path, Func<IReadOnlyList<string>, CancellationToken, Task> chownAsync, CancellationToken ct)
    {
        var backup = $"{path}.converge-{DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)}~";
        var temp = NewTemp(path);
        try
        {
            await CreateAsync(temp, async (stream, token) =>
            {
                await using var source = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16, FileOptions.Asynchronous);
                await source.CopyToAsync(stream, token);
            }, ct);
            await chownAsync(["--reference=" + path, "--", temp], ct);
            File.SetUnixFileMode(temp, File.GetUnixFileMode(path));
            File.SetLastWriteTimeUtc(temp, File.GetLastWriteTimeUtc(path));
            File.Move(temp, backup, overwrite: true);
        }
        finally
        {
            Forget(temp);
        }
    }

    private static string NewTemp(string path)
    {
        var temp = Path.Combine(Path.GetDirectoryName(path)!, TempPrefix(path) + Guid.NewGuid().ToString("N"));
        InFlight[temp] = 0;
        return temp;
    }

    /// <summary>Creates the temp file exclusively with mode 0600 from the first byte, fills it and fsyncs it; removes it on any failure.</summary>
    private static async Task CreateAsync(string temp, Func<Stream, CancellationToken, Task> writeContent, CancellationToken ct)
    {
        try
        {
            var create = new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                Share = FileShare.None,
                Options = FileOptions.Asynchronous,
                UnixCreateMode = Private,
            };
            await using var stream = new FileStream(temp, create);
            await writeContent(stream, ct);
            await stream.FlushAsync(ct);
            stream.Flush(flushToDisk: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Removes the temp file unless it became the target (then it no longer exists under its temp name).</summary>
    private static void Forget(string temp)
    {
        TryDelete(temp);
        InFlight.TryRemove(temp, out _);
    }

    private static void RemoveStale(string path)
    {
        var directory = Path.GetDirectoryName(path)!;
        var prefix = TempPrefix(path);
        try
        {
            foreach (var file in Directory.EnumerateFiles(directory, ".*"))
            {
                if (Path.GetFileName(file).StartsWith(prefix, StringComparison.Ordinal) && File.GetLastWriteTimeUtc(file) < DateTime.UtcNow - StaleAfter && !InFlight.ContainsKey(file))
                {
                    TryDelete(file);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Clean-up is best effort: a directory that cannot be listed fails the write itself, with its own message.
        }
    }

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Nothing more can be done here; the next write of the file removes it once it is stale.
        }
    }
}
