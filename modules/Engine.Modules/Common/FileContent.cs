using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Converge.Modules.Common;

/// <summary>
/// Desired file content: in memory (<see cref="Bytes"/>) or a controller file uploaded as is
/// (<see cref="LocalPath"/>), with its sha256 so the host's copy is compared by hash first.
/// </summary>
public sealed record FileContent(string Sha256, long Length)
{
    /// <summary>Content larger than this is not read back or shown as a diff.</summary>
    public const long DiffLimit = 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // Reference-typed values: a dictionary of value tuples is a generic instantiation ReadyToRun cannot precompile.
    private static readonly ConcurrentDictionary<string, LocalHash> LocalHashes = new(StringComparer.Ordinal);

    public byte[]? Bytes { get; init; }

    public string? LocalPath { get; init; }

    public static FileContent FromText(string text) => FromBytes(Encoding.UTF8.GetBytes(text));

    public static FileContent FromBytes(byte[] bytes) =>
        new(Convert.ToHexStringLower(SHA256.HashData(bytes)), bytes.Length) { Bytes = bytes };

    /// <summary>
    /// A controller file's content by reference, with its hash. Every host of a run copies the same file, so its hash
    /// is kept while the file's size and modification time stay the same (reading and hashing it per host was a share
    /// of the controller's CPU per host, issue 14).
    /// </summary>
    public static async Task<FileContent> FromLocalFileAsync(string path, CancellationToken ct)
    {
        var info = new FileInfo(path);
        var ticks = info.LastWriteTimeUtc.Ticks;
        if (LocalHashes.TryGetValue(info.FullName, out var known) && known.Length == info.Length && known.Ticks == ticks)
        {
            return new FileContent(known.Sha256, known.Length) { LocalPath = path };
        }

        await using var stream = System.IO.File.OpenRead(path);
        var hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
        LocalHashes[info.FullName] = new LocalHash(stream.Length, ticks, hash);
        return new FileContent(hash, stream.Length) { LocalPath = path };
    }

    /// <summary>The content as text for a diff; null when it is binary or larger than <see cref="DiffLimit"/>.</summary>
    public async Task<string?> TextAsync(CancellationToken ct)
    {
        if (Length > DiffLimit)
        {
            return null;
        }

        return AsText(Bytes ?? await System.IO.File.ReadAllBytesAsync(LocalPath!, ct));
    }

    /// <summary>Decodes UTF-8 text; null for binary content (NUL bytes or invalid UTF-8).</summary>
    public static string? AsText(byte[] bytes)
    {
        if (Array.IndexOf(bytes, (byte)0) >= 0)
        {
            return null;
        }

        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private sealed record LocalHash(long Length, long Ticks, string Sha256);
}
