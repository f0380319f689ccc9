using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Converge.Core.Connections.Ssh;

/// <summary>
/// An OpenSSH known_hosts file: verifies a server's key as <c>ssh</c> does and records new keys
/// (for <c>--accept-new-host-keys</c>). Certificate authorities (<c>@cert-authority</c>) are not supported
/// and their lines are ignored, so such hosts show as unknown.
/// </summary>
public sealed class KnownHostsFile
{
    // Hosts connect in parallel; appends to one file go one at a time.
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> AppendLocks = new(StringComparer.Ordinal);

    private static readonly ConcurrentDictionary<string, ((long Length, long Ticks) Stamp, KnownHostsFile File)> Parsed = new(StringComparer.Ordinal);

    private static readonly ConcurrentDictionary<string, Lock> ParseLocks = new(StringComparer.Ordinal);

    // Entries by the plain names they list (lower case), and those that must be tried against every name (wildcards,
    // hashed names): a run looks up each of its hosts in one file, which scanning whole grew as hosts × hosts.
    private readonly Lazy<EntryIndex> _index;

    private KnownHostsFile(string path, IReadOnlyList<KnownHostEntry> entries)
    {
        Path = path;
        Entries = entries;
        _index = new(Index);
    }

    public string Path { get; }

    public IReadOnlyList<KnownHostEntry> Entries { get; }

    /// <summary>
    /// Reads the file; a missing file has no entries. Malformed lines are skipped, as ssh does. Every host of a run
    /// checks its key against the same file, so the parsed file is kept while its size and modification time stay
    /// the same: parsing it per host would cost a run of N hosts N² lines (a million at 1,000 hosts).
    /// </summary>
    public static KnownHostsFile Load(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        var info = new FileInfo(full);
        var stamp = info.Exists ? (info.Length, info.LastWriteTimeUtc.Ticks) : (-1L, 0L);
        if (Parsed.TryGetValue(full, out var cached) && cached.Stamp == stamp)
        {
            return cached.File;
        }

        // The first wave of connections (up to forks at once) waits for one parse instead of each parsing the file.
        lock (ParseLocks.GetOrAdd(full, _ => new Lock()))
        {
            if (Parsed.TryGetValue(full, out cached) && cached.Stamp == stamp)
            {
                return cached.File;
            }

            var file = Read(path);
            Parsed[full] = (stamp, file);
            return file;
        }
    }

    private static KnownHostsFile Read(string path)
    {
        var entries = new List<KnownHostEntry>();
        if (File.Exists(path))
        {
            var number = 0;
            foreach (var raw in File.ReadLines(path))
            {
                number++;
                if (Parse(number, raw) is { } entry)
                {
                    entries.Add(entry);
                }
            }
        }

        return new KnownHostsFile(path, entries);
    }

    public static KnownHostEntry? Parse(int line, string text)
    {
        var fields = text.Trim().Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length == 0 || fields[0].StartsWith('#'))
        {
            return null;
        }

        string? marker = null;
        if (fields[0].StartsWith('@'))
        {
            marker = fields[0];
            fields = fields[1..];
        }

        if (fields.Length < 3 || marker is "@cert-authority")
        {
            return null;
        }

        try
        {
            return new KnownHostEntry(line, marker, fields[0].Split(','), fields[1], Convert.FromBase64String(fields[2]));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>The key types recorded for a host, so the handshake can ask the server for one of them first.</summary>
    public IReadOnlySet<string> KeyTypesFor(string lookupName) =>
        For(lookupName).Select(e => e.KeyType).ToHashSet(StringComparer.Ordinal);

    public HostKeyVerdict Verify(string lookupName, byte[] key)
    {
        var revoked = _index.Value.Revoked.Where(e => e.Key.AsSpan().SequenceEqual(key)).ToList();
        if (revoked.Count > 0)
        {
            return new HostKeyVerdict(HostKeyStatus.Revoked, revoked);
        }

        var type = KeyType(key);
        var forHost = For(lookupName);
        var same = forHost.Where(e => e.Key.AsSpan().SequenceEqual(key)).ToList();
        if (same.Count > 0)
        {
            return new HostKeyVerdict(HostKeyStatus.Trusted, same);
        }

        var changed = forHost.Where(e => e.KeyType == type).ToList();
        return changed.Count > 0
            ? new HostKeyVerdict(HostKeyStatus.Changed, changed)
            : new HostKeyVerdict(HostKeyStatus.Unknown, forHost);
    }

    /// <summary>The entries (not revoked) that apply to a host name, in the file's order.</summary>
    private List<KnownHostEntry> For(string lookupName)
    {
        var index = _index.Value;
        var named = index.ByName.GetValueOrDefault(lookupName.ToLowerInvariant()) ?? [];
        return [.. named.Concat(index.Others).Distinct().Where(e => e.Matches(lookupName)).OrderBy(e => e.Line)];
    }

    private EntryIndex Index()
    {
        var byName = new Dictionary<string, List<KnownHostEntry>>(StringComparer.Ordinal);
        var others = new List<KnownHostEntry>();
        foreach (var entry in Entries.Where(e => !e.IsRevoked))
        {
            var positive = entry.Patterns.Where(p => !p.StartsWith('!')).ToList();
            if (positive.Any(p => p.StartsWith("|1|", StringComparison.Ordinal) || p.IndexOfAny(['*', '?']) >= 0))
            {
                others.Add(entry);
                continue;
            }

            foreach (var name in positive)
            {
                var key = name.ToLowerInvariant();
                if (!byName.TryGetValue(key, out var list))
                {
                    byName[key] = list = [];
                }

                list.Add(entry);
            }
        }

        return new EntryIndex(byName, others, [.. Entries.Where(e => e.IsRevoked)]);
    }

    /// <summary>
    /// Appends <c>name keytype base64</c>, creating the file (0600) and its directory (0700) if needed.
    /// Re-reads the file under the lock first, so a key another host recorded meanwhile is not duplicated
    /// and a conflicting one is never added.
    /// </summary>
    public static async Task<HostKeyVerdict> RecordAsync(string path, string lookupName, byte[] key, CancellationToken ct)
    {
        var gate = AppendLocks.GetOrAdd(System.IO.Path.GetFullPath(path), _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            var current = Read(path).Verify(lookupName, key);
            if (current.Status != HostKeyStatus.Unknown)
            {
                return current;
            }

            var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
            if (!Directory.Exists(directory))
            {
                Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            var isNew = !File.Exists(path);
            var needsNewline = !isNew && new FileInfo(path).Length > 0 && EndsWithoutNewline(path);
            var line = $"{(needsNewline ? "\n" : string.Empty)}{lookupName} {KeyType(key)} {Convert.ToBase64String(key)}\n";
            await File.AppendAllTextAsync(path, line, Encoding.ASCII, ct);
            if (isNew)
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            return new HostKeyVerdict(HostKeyStatus.Trusted, []);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The key type named at the start of an SSH public key blob (RFC 4253 section 6.6).</summary>
    public static string KeyType(byte[] key)
    {
        if (key.Length < 4)
        {
            return "unknown";
        }

        var length = BinaryPrimitives.ReadInt32BigEndian(key);
        return length > 0 && length <= key.Length - 4 ? Encoding.ASCII.GetString(key, 4, length) : "unknown";
    }

    /// <summary>The fingerprint as OpenSSH prints it: <c>SHA256:</c> and unpadded base64.</summary>
    public static string Fingerprint(byte[] key) => "SHA256:" + Convert.ToBase64String(SHA256.HashData(key)).TrimEnd('=');

    private static bool EndsWithoutNewline(string path)
    {
        using var stream = File.OpenRead(path);
        stream.Seek(-1, SeekOrigin.End);
        return stream.ReadByte() != '\n';
    }

    /// <summary>Entries by the plain names they list (lower case); those with wildcards or hashed names; revoked keys.</summary>
    private sealed record EntryIndex(Dictionary<string, List<KnownHostEntry>> ByName, List<KnownHostEntry> Others, List<KnownHostEntry> Revoked);
}
