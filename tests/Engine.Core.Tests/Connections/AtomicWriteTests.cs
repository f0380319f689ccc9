using Converge.Core.Connections;
using Converge.Core.Tests.Support;
using Converge.TestKit.Files;

namespace Converge.Core.Tests.Connections;

/// <summary>
/// The local transport's writes against real files, a real unprivileged user (<c>nobody</c>) and a real full
/// filesystem: private temp files, owner/group/mode kept, safe backups, stale temp files cleaned up.
/// These run as root (CI does): they chown files and mount a tmpfs.
/// </summary>
public sealed class AtomicWriteTests : IDisposable
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private readonly LocalConnection _connection = new("localhost");
    private readonly TempDirectory _dir = new();

    public AtomicWriteTests()
    {
        Assert.True(Environment.UserName == "root", "this test runs as root (CI does): it acts as nobody and chowns files");

        // A directory others may enter, as /etc is: only the files' own modes protect them.
        File.SetUnixFileMode(_dir.Path, (UnixFileMode)0b111_101_101);
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_secret_is_never_readable_by_another_user_while_it_is_being_written()
    {
        var source = await Fifo.CreateAsync(Path.Combine(_dir.Path, "source"));
        var target = Path.Combine(_dir.Path, "secret.key");

        var upload = Task.Run(() => _connection.UploadAsync(source, target, new FileWriteOptions { Mode = 0b110_000_000 }, CancellationToken.None));
        var temp = await Fifo.WaitForFileAsync(_dir.Path, AtomicFile.TempPrefix(target), TimeSpan.FromSeconds(10));
        var tempMode = File.GetUnixFileMode(temp);
        var readableWhileFilling = await OtherUser.CanReadAsync(temp);
        await using (var writer = new FileStream(source, FileMode.Open, FileAccess.Write))
        {
            await writer.WriteAsync("-----BEGIN PRIVATE KEY-----\n"u8.ToArray());
        }

        await upload;

        Assert.Equal(Private, tempMode);
        Assert.False(readableWhileFilling, "nobody could read the temp file while it was being filled");
        Assert.Equal(Private, File.GetUnixFileMode(target));
        Assert.False(await OtherUser.CanReadAsync(target));
        Assert.Equal(["secret.key", "source"], Directory.GetFiles(_dir.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task Rewriting_a_file_keeps_its_owner_group_and_mode()
    {
        var file = _dir.Write("config", "old\n");
        await Chown("nobody:nogroup", file);
        File.SetUnixFileMode(file, (UnixFileMode)0b110_100_000);

        await _connection.WriteFileAsync(file, "new\n"u8.ToArray(), FileWriteOptions.Default, default);

        var stat = await _connection.StatAsync(file, null, default);
        Assert.Equal(("nobody", "nogroup", "0640"), (stat!.Owner, stat.Group, stat.ModeOctal));
        Assert.Equal("new\n", await File.ReadAllTextAsync(file));
    }

    [Fact]
    public async Task Requested_owner_group_and_mode_win_over_the_kept_ones()
    {
        var file = _dir.Write("config", "old\n");
        await Chown("nobody:nogroup", file);

        await _connection.WriteFileAsync(file, "new\n"u8.ToArray(), new FileWriteOptions { Group = "root", Mode = 0b110_000_000 }, default);

        var stat = await _connection.StatAsync(file, null, default);
        Assert.Equal(("nobody", "root", "0600"), (stat!.Owner, stat.Group, stat.ModeOctal));
    }

    [Fact]
    public async Task A_backup_keeps_the_old_files_owner_and_mode_so_a_secret_stays_private()
    {
        var file = _dir.Write("secret", "old secret\n");
        await Chown("nobody:nogroup", file);
        File.SetUnixFileMode(file, Private);

        await _connection.WriteFileAsync(file, "new secret\n"u8.ToArray(), new FileWriteOptions { Backup = true }, default);

        var backup = Assert.Single(Directory.GetFiles(_dir.Path, "secret.converge-*~"));
        var stat = await _connection.StatAsync(backup, null, default);
        Assert.Equal(("nobody", "nogroup", "0600"), (stat!.Owner, stat.Group, stat.ModeOctal));
        Assert.Equal("old secret\n", await File.ReadAllTextAsync(backup));
        Assert.Equal(2, Directory.GetFiles(_dir.Path).Length);
    }

    [Fact]
    public async Task A_backup_that_does_not_fit_on_a_full_disk_is_removed_and_the_write_fails()
    {
        await using var disk = await SmallFilesystem.MountAsync(_dir.Path, 512);
        var file = Path.Combine(disk.Path, "data");
        await File.WriteAllBytesAsync(file, new byte[200 * 1024]);
        await disk.FillAsync(leftKilobytes: 100);

        var write = () => _connection.WriteFileAsync(file, "small\n"u8.ToArray(), new FileWriteOptions { Backup = true }, default);

        await Assert.ThrowsAnyAsync<IOException>(write);
        Assert.Equal(200 * 1024, new FileInfo(file).Length);
        Assert.Equal(["data", "filler"], Directory.GetFiles(disk.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task A_write_removes_its_files_stale_temp_files_and_leaves_fresh_and_foreign_ones()
    {
        var file = _dir.Write("motd", "old\n");
        var stale = _dir.Write(AtomicFile.TempPrefix(file) + "deadbeef", "left by a killed run");
        File.SetLastWriteTimeUtc(stale, DateTime.UtcNow - AtomicFile.StaleAfter - TimeSpan.FromMinutes(1));
        var fresh = _dir.Write(AtomicFile.TempPrefix(file) + "cafebabe", "a write in progress");
        var foreign = _dir.Write(".motd.bak", "not ours");
        File.SetLastWriteTimeUtc(foreign, DateTime.UtcNow - TimeSpan.FromDays(1));

        await _connection.WriteFileAsync(file, "new\n"u8.ToArray(), FileWriteOptions.Default, default);

        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(fresh));
        Assert.True(File.Exists(foreign));
    }

    [Fact]
    public async Task A_write_onto_a_symlink_replaces_the_link_and_never_writes_into_the_directory_it_points_to()
    {
        var directory = Directory.CreateDirectory(Path.Combine(_dir.Path, "real")).FullName;
        var link = Path.Combine(_dir.Path, "link");
        File.CreateSymbolicLink(link, directory);

        await _connection.WriteFileAsync(link, "file\n"u8.ToArray(), FileWriteOptions.Default, default);

        Assert.Null(new FileInfo(link).LinkTarget);
        Assert.Equal("file\n", await File.ReadAllTextAsync(link));
        Assert.Empty(Directory.GetFileSystemEntries(directory));
    }

    private static async Task Chown(string owner, string path)
    {
        var result = await new LocalConnection("localhost").RunAsync(CommandSpec.Change("chown", owner, path), default);
        Assert.True(result.Succeeded, result.Stderr);
    }
}
