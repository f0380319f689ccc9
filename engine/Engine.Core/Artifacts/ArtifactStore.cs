using System.Security.Cryptography;

namespace Converge.Core.Artifacts;

/// <summary>
/// The controller's content-addressed store for artifacts such as built <c>.deb</c>s:
/// <c>ROOT/sha256/&lt;hash&gt;/&lt;file name&gt;</c>. The same content is stored once.
/// </summary>
public sealed class ArtifactStore(string root)
{
    public string Root => root;

    /// <summary>The default store: <c>$CONVERGE_ARTIFACTS</c>, else <c>~/.cache/converge/artifacts</c>.</summary>
    public static ArtifactStore Default() =>
        new(Environment.GetEnvironmentVariable("CONVERGE_ARTIFACTS")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "converge", "artifacts"));

    /// <summary>Moves a file into the store; returns its stored path and sha256 (lowercase hex).</summary>
    public async Task<(string Path, string Sha256)> AddAsync(string file, CancellationToken ct)
    {
        var hash = await Sha256Async(file, ct);
        var directory = Path.Combine(root, "sha256", hash);
        Directory.CreateDirectory(directory);
        var stored = Path.Combine(directory, Path.GetFileName(file));
        if (!File.Exists(stored))
        {
            File.Copy(file, stored + ".part", overwrite: true);
            File.Move(stored + ".part", stored, overwrite: true);
        }

        return (stored, hash);
    }

    public static async Task<string> Sha256Async(string file, CancellationToken ct)
    {
        await using var stream = File.OpenRead(file);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
    }
}
