using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.TestKit.Files;
using Converge.TestKit.Sshd;

namespace Converge.Ssh.Tests.Connections;

/// <summary>
/// The SSH transport's writes hold the same guarantees as the local one's (<c>AtomicWriteTests</c>), against the
/// real sshd, real files, the real user <c>nobody</c> and a real full tmpfs: private temp files, a symlink
/// replaced rather than written through, no truncated backup on ENOSPC, stale temp files removed.
/// </summary>
[Collection(SshdCollection.Name)]
[Trait("Requires", "sshd")]
public sealed class SshFileSafetyTests(SshdFixture sshd)
{
    private string Folder(string name)
    {
        var path = Path.Combine(sshd.Server.HostDirectory(1), name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(path);
        File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
        return path;
    }

    [SshdFact]
    public async Task A_secret_is_never_readable_by_another_user_while_it_is_being_written()
    {
        await using var connection = await TestConnections.OpenAsync(sshd.Server, host: 1);
        var folder = Folder("secret");
        var source = Path.Combine(Folder("source"), "key");
        await using (var sparse = File.Create(source))
        {
            // Large enough that the transfer is still filling the temp file while the test looks at it.
            sparse.SetLength(256L << 20);
        }

        var target = Path.Combine(folder, "secret.key");

        var upload = connection.UploadAsync(source, target, new FileWriteOptions { Mode = 0b110_000_000 }, CancellationToken.None);
        var temp = await Fifo.WaitForFileAsync(folder, AtomicFile.TempPrefix(target), TimeSpan.FromSeconds(10));
        var tempMode = File.GetUnixFileMode(temp);
        var readableWhileFilling = await OtherUser.CanReadAsync(temp);
        await upload;

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, tempMode);
        Assert.False(readableWhileFilling, "nobody could read the temp file while it was being filled");
        Assert.False(await OtherUser.CanReadAsync(target));
        Assert.Equal([target], Directory.GetFiles(folder));
    }

    [SshdFact]
    public async Task A_write_onto_a_symlink_to_a_directory_replaces_the_link_and_leaves_nothing_in_the_directory()
    {
        await using var connection = await TestConnections.OpenAsync(sshd.Server, host: 1);
        var folder = Folder("link");
        var directory = Directory.CreateDirectory(Path.Combine(folder, "real")).FullName;
        var link = Path.Combine(folder, "link");
        File.CreateSymbolicLink(link, directory);

        await connection.WriteFileAsync(link, "file\n"u8.ToArray(), FileWriteOptions.Default, CancellationToken.None);

        Assert.Null(new FileInfo(link).LinkTarget);
        Assert.Equal("file\n", await File.ReadAllTextAsync(link));
        Assert.Empty(Directory.GetFileSystemEntries(directory));
    }

    [SshdFact]
    public async Task A_backup_that_does_not_fit_on_a_full_disk_is_removed_and_the_write_fails()
    {
        await using var connection = await TestConnections.OpenAsync(sshd.Server, host: 1);
        await using var disk = await SmallFilesystem.MountAsync(Folder("full"), 512);
        var file = Path.Combine(disk.Path, "data");
        await File.WriteAllBytesAsync(file, new byte[200 * 1024]);
        await disk.FillAsync(leftKilobytes: 100);

        var failure = await Assert.ThrowsAsync<TaskFailedException>(() =>
            connection.WriteFileAsync(file, "small\n"u8.ToArray(), new FileWriteOptions { Backup = true }, CancellationToken.None));

        Assert.Contains("cannot back up", failure.Message);
        Assert.Equal(200 * 1024, new FileInfo(file).Length);
        Assert.Equal(["data", "filler"], Directory.GetFiles(disk.Path).Select(Path.GetFileName).Order());
    }

    [SshdFact]
    public async Task A_write_removes_its_files_stale_temp_files_and_leaves_fresh_and_foreign_ones()
    {
        await using var connection = await TestConnections.OpenAsync(sshd.Server, host: 1);
        var folder = Folder("stale");
        var file = Path.Combine(folder, "motd[1]");
        await File.WriteAllTextAsync(file, "old\n");
        var stale = Path.Combine(folder, AtomicFile.TempPrefix(file) + "deadbeef");
        var fresh = Path.Combine(folder, AtomicFile.TempPrefix(file) + "cafebabe");
        var foreign = Path.Combine(folder, ".motd1.converge-tmp-deadbeef");
        foreach (var path in new[] { stale, fresh, foreign })
        {
            await File.WriteAllTextAsync(path, "left behind");
        }

        File.SetLastWriteTimeUtc(stale, DateTime.UtcNow - AtomicFile.StaleAfter - TimeSpan.FromMinutes(2));
        File.SetLastWriteTimeUtc(foreign, DateTime.UtcNow - TimeSpan.FromDays(1));

        await connection.WriteFileAsync(file, "new\n"u8.ToArray(), FileWriteOptions.Default, CancellationToken.None);

        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(fresh));
        Assert.True(File.Exists(foreign), "a file of another name (the brackets are not a pattern) was removed");
    }
}
