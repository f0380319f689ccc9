using Converge.Core.Diagnostics;
using Converge.Modules.Copy;
using Converge.Modules.Tests.Common;

namespace Converge.Modules.Tests.Copy;

public sealed class CopyModuleTests : IDisposable
{
    private readonly ModuleTestHost _host = new();
    private readonly CopyModule _module = new();

    public CopyModuleTests()
    {
        Directory.CreateDirectory(Path.Combine(_host.PlaybookDirectory, "files"));
    }

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task A_binary_file_from_files_is_copied_byte_for_byte_then_in_sync()
    {
        byte[] bytes = [0, 1, 2, 255, 10, 0];
        await File.WriteAllBytesAsync(Path.Combine(_host.PlaybookDirectory, "files", "blob.bin"), bytes);
        var dest = _host.PathOf("blob.bin");
        var parameters = new CopyParams { Src = "blob.bin", Dest = dest, Mode = "0600" };

        var (plan, _) = await _host.ConvergeAsync(_module, parameters);
        var again = await _host.CheckAsync(_module, parameters);

        Assert.Null(plan.Changes.Single(c => c.Path.EndsWith("content", StringComparison.Ordinal)).Diff);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(dest));
        Assert.False(again.IsDrift, again.Reason);
        Assert.Contains("sha256:", again.Reason);
    }

    [Fact]
    public async Task Content_replaces_a_hand_edited_file_after_check_mode_showed_the_diff_and_left_it_alone()
    {
        var dest = _host.PathOf("app.conf");
        var parameters = new CopyParams { Content = "port=80\n", Dest = dest };
        await _host.ConvergeAsync(_module, parameters);
        await File.WriteAllTextAsync(dest, "port=8080\n");
        var before = _host.Snapshot();

        var plan = await _host.CheckAsync(_module, parameters);
        var unchanged = _host.Snapshot();
        await _host.ConvergeAsync(_module, parameters);

        Assert.Contains("-port=8080\n+port=80\n", Assert.Single(plan.Changes).Diff);
        Assert.Equal(before, unchanged);
        Assert.Equal("port=80\n", await File.ReadAllTextAsync(dest));
    }

    [Fact]
    public async Task An_absolute_src_is_used_as_is_and_a_missing_src_fails_saying_where_it_looked()
    {
        var src = Path.Combine(_host.Root, "elsewhere.txt");
        await File.WriteAllTextAsync(src, "abs");

        await _host.ConvergeAsync(_module, new CopyParams { Src = src, Dest = _host.PathOf("abs") });
        var error = await Assert.ThrowsAsync<TaskFailedException>(() => _host.CheckAsync(_module, new CopyParams { Src = "missing.txt", Dest = _host.PathOf("d") }));

        Assert.Equal("abs", await File.ReadAllTextAsync(_host.PathOf("abs")));
        Assert.Contains("src 'missing.txt' not found: looked in " + Path.Combine(_host.PlaybookDirectory, "files"), error.Message);
    }

    [Theory]
    [InlineData(null, null, "/x", "exactly one of src and content")]
    [InlineData("a", "b", "/x", "exactly one of src and content")]
    [InlineData("a", null, "x", "dest must be absolute")]
    [InlineData(null, "b", "/etc/", "not a directory")]
    public void The_validator_explains_each_mistake(string? src, string? content, string dest, string expected)
    {
        var result = new CopyParamsValidator().Validate(new CopyParams { Src = src, Content = content, Dest = dest });

        Assert.Contains(result.Errors, e => e.ErrorMessage.Contains(expected, StringComparison.Ordinal));
    }
}
