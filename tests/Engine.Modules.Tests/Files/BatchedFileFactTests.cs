using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Facts;
using Converge.Modules.Common;
using Converge.TestKit;

namespace Converge.Modules.Tests.Files;

/// <summary>
/// Many file facts prefetched together, hashed, unhashed and followed alike, are one probe (one <c>stat</c>, one
/// <c>sha256sum</c>) and read exactly what each fact reads alone, on real files through the local connection.
/// </summary>
public sealed class BatchedFileFactTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("converge-batched-facts-");

    [Fact]
    public async Task A_batch_of_file_facts_is_one_probe_and_reads_what_each_fact_reads_alone()
    {
        var root = _folder.FullName;
        File.WriteAllText(Path.Combine(root, "plain"), "content\n");
        File.WriteAllText(Path.Combine(root, "-dash name with | pipe"), "x");
        File.WriteAllText(Path.Combine(root, "line\nbreak\\slash"), "odd name\n");
        File.WriteAllText(Path.Combine(root, "empty"), string.Empty);
        Directory.CreateDirectory(Path.Combine(root, "dir"));
        File.CreateSymbolicLink(Path.Combine(root, "link"), Path.Combine(root, "plain"));
        File.CreateSymbolicLink(Path.Combine(root, "dangling"), Path.Combine(root, "missing-target"));
        var unreadable = Path.Combine(root, "unreadable");
        File.WriteAllText(unreadable, "secret");
        File.SetUnixFileMode(unreadable, UnixFileMode.None);
        string[] names = ["plain", "-dash name with | pipe", "line\nbreak\\slash", "empty", "dir", "link", "dangling", "absent", "unreadable"];
        var facts = names.Select(n => new FileFact(Path.Combine(root, n))).ToList();

        var together = await ReadInOneProbeAsEachAloneAsync(facts);

        Assert.NotNull(together[0].Sha256);
        Assert.Equal(FileKind.Symlink, together[5].Stat!.Kind);
        Assert.False(together[7].Exists);
    }

    [Fact]
    public async Task Hashed_unhashed_and_followed_facts_share_one_probe_and_read_what_each_reads_alone()
    {
        var root = _folder.FullName;
        File.WriteAllText(Path.Combine(root, "plain"), "content\n");
        File.WriteAllText(Path.Combine(root, "-times"), "t");
        Directory.CreateDirectory(Path.Combine(root, "dir"));
        File.CreateSymbolicLink(Path.Combine(root, "link"), "plain");
        File.CreateSymbolicLink(Path.Combine(root, "dir link"), Path.Combine(root, "dir"));
        File.CreateSymbolicLink(Path.Combine(root, "dangling"), Path.Combine(root, "missing"));
        FileFact[] facts =
        [
            new(Path.Combine(root, "plain")),
            new(Path.Combine(root, "-times"), hash: false),
            new(Path.Combine(root, "link"), follow: true),
            new(Path.Combine(root, "link"), follow: true, hash: false),
            new(Path.Combine(root, "link")),
            new(Path.Combine(root, "dir link"), follow: true),
            new(Path.Combine(root, "dir link")),
            new(Path.Combine(root, "dangling"), follow: true),
            new(Path.Combine(root, "dir"), follow: true),
            new(Path.Combine(root, "absent"), follow: true),
        ];

        var together = await ReadInOneProbeAsEachAloneAsync(facts);

        Assert.NotNull(together[0].Sha256);
        Assert.Null(together[1].Sha256);
        Assert.Equal((Path.Combine(root, "plain"), FileKind.File, together[0].Sha256), (together[2].Target, together[2].Stat!.Kind, together[2].Sha256));
        Assert.Equal((Path.Combine(root, "plain"), FileKind.File, null), (together[3].Target, together[3].Stat!.Kind, together[3].Sha256));
        Assert.Equal((null, FileKind.Symlink), (together[4].Target, together[4].Stat!.Kind));
        Assert.Equal((Path.Combine(root, "dir"), FileKind.Directory, false), (together[5].Target, together[5].Stat!.Kind, together[5].PointsToDirectory));
        Assert.True(together[6].PointsToDirectory);
        Assert.Equal((Path.Combine(root, "missing"), false), (together[7].Target, together[7].Exists));
        Assert.Equal((null, FileKind.Directory), (together[8].Target, together[8].Stat!.Kind));
        Assert.Equal((null, false, false), (together[9].Target, together[9].Exists, together[9].ParentMissing));
    }

    [Fact]
    public async Task A_path_stat_is_read_in_the_file_facts_batch()
    {
        var root = _folder.FullName;
        File.WriteAllText(Path.Combine(root, "plain"), "content\n");
        var plain = new FileFact(Path.Combine(root, "plain"));
        var guards = new[] { new PathStatFact(Path.Combine(root, "plain")), new PathStatFact(Path.Combine(root, "initialized")) };
        var counting = new CountingConnection(new LocalConnection("localhost"));
        var cache = new FactCache(counting);

        await cache.PrefetchAsync([plain, .. guards], CancellationToken.None);
        var stats = new List<FileStat?>();
        foreach (var guard in guards)
        {
            stats.Add(await cache.GetAsync(guard, CancellationToken.None));
        }

        Assert.Equal(1, counting.Runs);
        Assert.Equal([1], counting.BatchSizes);
        Assert.Equal((await cache.GetAsync(plain, CancellationToken.None)).Stat, stats[0]);
        Assert.Null(stats[1]);
    }

    [Fact]
    public async Task A_followed_symlink_that_cannot_be_resolved_fails_its_own_fact_only()
    {
        var root = _folder.FullName;
        File.WriteAllText(Path.Combine(root, "plain"), "content\n");
        File.CreateSymbolicLink(Path.Combine(root, "loop"), Path.Combine(root, "loop"));
        var loop = new FileFact(Path.Combine(root, "loop"), follow: true);
        var plain = new FileFact(Path.Combine(root, "plain"));
        var cache = new FactCache(new LocalConnection("localhost"));

        await cache.PrefetchAsync([plain, loop], CancellationToken.None);

        Assert.NotNull((await cache.GetAsync(plain, CancellationToken.None)).Sha256);
        var failure = await Assert.ThrowsAsync<TaskFailedException>(() => cache.GetAsync(loop, CancellationToken.None));
        Assert.Equal($"cannot read the state of {Path.Combine(root, "loop")}", failure.Message);
    }

    /// <summary>Reads the facts in one prefetch, asserts it took one probe and read what each fact reads alone.</summary>
    private static async Task<List<FileSnapshot>> ReadInOneProbeAsEachAloneAsync(IReadOnlyList<FileFact> facts)
    {
        var (together, counting) = await ReadTogetherAsync(facts);
        var alone = await ReadAloneAsync(facts);
        Assert.Equal(alone, together);
        Assert.Equal([1], counting.BatchSizes);
        Assert.Equal(1, counting.Runs);
        return together;
    }

    private static async Task<(List<FileSnapshot> Snapshots, CountingConnection Counting)> ReadTogetherAsync(IReadOnlyList<FileFact> facts)
    {
        var counting = new CountingConnection(new LocalConnection("localhost"));
        var cache = new FactCache(counting);
        await cache.PrefetchAsync(facts, CancellationToken.None);
        var snapshots = new List<FileSnapshot>();
        foreach (var fact in facts)
        {
            snapshots.Add(await cache.GetAsync(fact, CancellationToken.None));
        }

        return (snapshots, counting);
    }

    private static async Task<List<FileSnapshot>> ReadAloneAsync(IReadOnlyList<FileFact> facts)
    {
        var snapshots = new List<FileSnapshot>();
        foreach (var fact in facts)
        {
            snapshots.Add(await new FactCache(new LocalConnection("localhost")).GetAsync(fact, CancellationToken.None));
        }

        return snapshots;
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
