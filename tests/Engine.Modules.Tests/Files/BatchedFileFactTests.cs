using Converge.Core.Connections;
using Converge.Core.Facts;
using Converge.Modules.Common;
using Converge.TestKit;

namespace Converge.Modules.Tests.Files;

/// <summary>
/// Many file facts prefetched together are one probe (one <c>stat</c>, one <c>sha256sum</c>) and read exactly
/// what each fact reads alone, on real files through the local connection.
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

        var counting = new CountingConnection(new LocalConnection("localhost"));
        var batched = new FactCache(counting);
        await batched.PrefetchAsync(facts, CancellationToken.None);
        var together = new List<FileSnapshot>();
        foreach (var fact in facts)
        {
            together.Add(await batched.GetAsync(fact, CancellationToken.None));
        }

        var alone = new List<FileSnapshot>();
        foreach (var fact in facts)
        {
            alone.Add(await new FactCache(new LocalConnection("localhost")).GetAsync(fact, CancellationToken.None));
        }

        Assert.Equal(alone, together);
        Assert.Equal([1], counting.BatchSizes);
        Assert.Equal(1, counting.Runs);
        Assert.NotNull(together[0].Sha256);
        Assert.Equal(FileKind.Symlink, together[5].Stat!.Kind);
        Assert.False(together[7].Exists);
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
