using Converge.Core.Diagnostics;
using Converge.Modules.Copy;
using Converge.Modules.Files;
using Converge.Modules.Tests.Common;

namespace Converge.Modules.Tests.Copy;

/// <summary>copy of directories (controller and host sources) and file's recurse and times, check → apply → check on real files.</summary>
public sealed class CopyTreeTests : IDisposable
{
    private readonly ModuleTestHost _host = new();

    public CopyTreeTests()
    {
        var tree = Path.Combine(_host.PlaybookDirectory, "files", "site");
        Directory.CreateDirectory(Path.Combine(tree, "conf.d", "empty"));
        File.WriteAllText(Path.Combine(tree, "index.html"), "<h1>hi</h1>\n");
        File.WriteAllText(Path.Combine(tree, "conf.d", "app.conf"), "port = 80\n");
    }

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task A_directory_without_a_trailing_slash_is_copied_into_dest_and_a_rerun_is_in_sync()
    {
        var parameters = new CopyParams { Src = "site", Dest = _host.PathOf("www"), DirectoryMode = "0750", Mode = "0640" };
        Directory.CreateDirectory(_host.PathOf("www"));
        var before = _host.Snapshot();

        var check = await _host.CheckAsync(new CopyModule(), parameters);
        var untouched = _host.Snapshot();
        var (plan, _) = await _host.ConvergeAsync(new CopyModule(), parameters);
        var again = await _host.CheckAsync(new CopyModule(), parameters);

        Assert.True(check.IsDrift);
        Assert.Equal(before, untouched);
        Assert.Contains(plan.Changes, c => c.Path == _host.PathOf("www/site/conf.d/empty") + ": state");
        Assert.Equal("port = 80\n", await File.ReadAllTextAsync(_host.PathOf("www/site/conf.d/app.conf")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(_host.PathOf("www/site/index.html")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute, File.GetUnixFileMode(_host.PathOf("www/site/conf.d")));
        Assert.False(again.IsDrift, again.Reason);
    }

    [Fact]
    public async Task Check_mode_copies_nothing_and_a_trailing_slash_copies_only_the_contents()
    {
        var parameters = new CopyParams { Src = "site/", Dest = _host.PathOf("www") };
        var before = _host.Snapshot();

        var check = await _host.CheckAsync(new CopyModule(), parameters);

        Assert.Equal(before, _host.Snapshot());
        Assert.Contains(check.Changes, c => c.Path == _host.PathOf("www/index.html") + ": state");
        await _host.ConvergeAsync(new CopyModule(), parameters);
        Assert.True(File.Exists(_host.PathOf("www/conf.d/app.conf")));
        Assert.False(Directory.Exists(_host.PathOf("www/site")));
    }

    [Fact]
    public async Task A_changed_file_in_the_tree_is_written_back_unless_force_is_false()
    {
        var parameters = new CopyParams { Src = "site/", Dest = _host.PathOf("www") };
        await _host.ConvergeAsync(new CopyModule(), parameters);
        await File.WriteAllTextAsync(_host.PathOf("www/index.html"), "edited\n");

        var keep = await _host.CheckAsync(new CopyModule(), parameters with { Force = false });
        var (plan, _) = await _host.ConvergeAsync(new CopyModule(), parameters);

        Assert.False(keep.IsDrift, keep.Reason);
        Assert.Equal(_host.PathOf("www/index.html") + ": content", Assert.Single(plan.Changes).Path);
        Assert.Equal("<h1>hi</h1>\n", await File.ReadAllTextAsync(_host.PathOf("www/index.html")));
    }

    [Fact]
    public async Task Remote_src_copies_a_host_directory_keeping_modes_and_a_host_file_as_new_content()
    {
        await _host.ConvergeAsync(new CopyModule(), new CopyParams { Src = "site/", Dest = _host.PathOf("source") });
        File.SetUnixFileMode(_host.PathOf("source/index.html"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var tree = new CopyParams { Src = _host.PathOf("source"), Dest = _host.PathOf("backup"), RemoteSrc = true };
        var file = new CopyParams { Src = _host.PathOf("source/index.html"), Dest = _host.PathOf("index.copy"), RemoteSrc = true };
        Directory.CreateDirectory(_host.PathOf("backup"));

        await _host.ConvergeAsync(new CopyModule(), tree);
        await _host.ConvergeAsync(new CopyModule(), file);
        var again = await _host.CheckAsync(new CopyModule(), tree);
        var fileAgain = await _host.CheckAsync(new CopyModule(), file);

        Assert.Equal("port = 80\n", await File.ReadAllTextAsync(_host.PathOf("backup/source/conf.d/app.conf")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_host.PathOf("backup/source/index.html")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, File.GetUnixFileMode(_host.PathOf("index.copy")));
        Assert.False(again.IsDrift, again.Reason);
        Assert.False(fileAgain.IsDrift, fileAgain.Reason);
    }

    [Fact]
    public async Task A_missing_remote_source_fails_naming_it()
    {
        var error = await Assert.ThrowsAsync<TaskFailedException>(() => _host.CheckAsync(new CopyModule(), new CopyParams { Src = _host.PathOf("nothing"), Dest = _host.PathOf("x"), RemoteSrc = true }));

        Assert.Contains("nothing not found", error.Message);
    }

    [Fact]
    public async Task File_recurse_sets_modes_below_the_directory_once()
    {
        await _host.ConvergeAsync(new CopyModule(), new CopyParams { Src = "site/", Dest = _host.PathOf("www") });
        var parameters = new FileParams { Path = _host.PathOf("www"), State = "directory", Recurse = true, Mode = "u=rwX,g=rX,o=" };

        var check = await _host.CheckAsync(new FileModule(), parameters);
        await _host.ConvergeAsync(new FileModule(), parameters);
        var again = await _host.CheckAsync(new FileModule(), parameters);

        Assert.Contains(check.Changes, c => c.Path == _host.PathOf("www") + "/**: mode");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(_host.PathOf("www/conf.d/app.conf")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute, File.GetUnixFileMode(_host.PathOf("www/conf.d/empty")));
        Assert.False(again.IsDrift, again.Reason);
    }

    [Fact]
    public async Task Modification_and_access_times_are_set_once_and_now_is_set_every_run()
    {
        var path = _host.PathOf("stamp");
        await File.WriteAllTextAsync(path, "x");
        var parameters = new FileParams { Path = path, ModificationTime = "2024-01-02 03:04:05", ModificationTimeFormat = "%Y-%m-%d %H:%M:%S", AccessTime = "202312311159.00" };

        await _host.ConvergeAsync(new FileModule(), parameters);
        var again = await _host.CheckAsync(new FileModule(), parameters);
        var now = await _host.CheckAsync(new FileModule(), new FileParams { Path = path, ModificationTime = "now" });

        Assert.Equal(new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Local), File.GetLastWriteTime(path));
        Assert.Equal(new DateTime(2023, 12, 31, 11, 59, 0, DateTimeKind.Local), File.GetLastAccessTime(path));
        Assert.False(again.IsDrift, again.Reason);
        Assert.True(now.IsDrift);
    }
}
