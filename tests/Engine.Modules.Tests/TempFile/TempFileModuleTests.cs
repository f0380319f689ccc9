using Converge.Modules.TempFile;
using Converge.Modules.Tests.Common;

namespace Converge.Modules.Tests.TempFile;

public sealed class TempFileModuleTests : IDisposable
{
    private readonly ModuleTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Check_creates_nothing_and_apply_creates_a_new_private_directory_each_time()
    {
        var parameters = new TempFileParams { State = "directory", Path = _host.Target, Prefix = "pre.", Suffix = ".suf" };

        var plan = await _host.CheckAsync(new TempFileModule(), parameters);
        Assert.Empty(Directory.GetFileSystemEntries(_host.Target));
        var (_, first) = await _host.ConvergeAsync(new TempFileModule(), parameters);
        var (_, second) = await _host.ConvergeAsync(new TempFileModule(), parameters);

        Assert.True(plan.IsDrift);
        var path = Assert.IsType<string>(first!.Output["path"]);
        Assert.True(Directory.Exists(path));
        Assert.Matches(@"/pre\.[A-Za-z0-9]{8}\.suf$", path);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(path));
        Assert.NotEqual(path, second!.Output["path"]);
    }

    [Fact]
    public async Task A_file_is_created_mode_0600()
    {
        var (_, result) = await _host.ConvergeAsync(new TempFileModule(), new TempFileParams { Path = _host.Target });

        var path = Assert.IsType<string>(result!.Output["path"]);
        Assert.True(File.Exists(path));
        Assert.StartsWith(_host.Target + "/ansible.", path, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }
}
