using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Modules.Files;
using Converge.Modules.Tests.Common;
using Converge.TestKit;
using IOFile = System.IO.File;

namespace Converge.Modules.Tests.Files;

public sealed class FileModuleTests : IDisposable
{
    private readonly ModuleTestHost _host = new();
    private readonly FileModule _module = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task A_missing_file_is_drift_in_state_content_and_mode_and_apply_creates_it()
    {
        var path = _host.PathOf("motd");
        var parameters = new FileParams { Path = path, Content = "hello\n", Mode = "0640" };

        var plan = await _host.CheckAsync(_module, parameters);

        Assert.True(plan.IsDrift);
        Assert.Equal([$"{path}: state", $"{path}: content", $"{path}: mode"], plan.Changes.Select(c => c.Path));
        Assert.Equal("absent", plan.Changes[0].Before);
        Assert.Equal("file", plan.Changes[0].After);
        Assert.Contains("+hello", plan.Changes[1].Diff);
        Assert.False(IOFile.Exists(path));

        await _host.ConvergeAsync(_module, parameters);

        Assert.Equal("hello\n", await IOFile.ReadAllTextAsync(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, IOFile.GetUnixFileMode(path));
    }

    [Fact]
    public async Task Apply_then_check_is_in_sync_with_a_reason()
    {
        var parameters = new FileParams { Path = _host.PathOf("motd"), Content = "hello\n", Mode = "u=rw,g=r,o=r" };
        await _host.ConvergeAsync(_module, parameters);

        var plan = await _host.CheckAsync(_module, parameters);

        Assert.False(plan.IsDrift);
        Assert.Contains("as desired", plan.Reason);
        Assert.Contains("mode 0644", plan.Reason);
    }

    [Fact]
    public async Task A_hand_edited_file_shows_a_unified_diff_and_check_mode_leaves_it_alone()
    {
        var path = _host.PathOf("motd");
        var parameters = new FileParams { Path = path, Content = "one\ntwo\nthree\n" };
        await _host.ConvergeAsync(_module, parameters);
        await IOFile.WriteAllTextAsync(path, "one\nTWO\nthree\n");
        var before = _host.Snapshot();

        var plan = await _host.CheckAsync(_module, parameters);

        var change = Assert.Single(plan.Changes);
        Assert.Equal($"{path}: content", change.Path);
        Assert.Equal($"--- before: {path}\n+++ after: {path}\n@@ -1,3 +1,3 @@\n one\n-TWO\n+two\n three\n", change.Diff);
        Assert.Equal(before, _host.Snapshot());

        await _host.ConvergeAsync(_module, parameters);
        Assert.Equal("one\ntwo\nthree\n", await IOFile.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task A_mode_change_alone_keeps_the_content_and_the_file()
    {
        var path = _host.PathOf("script");
        await IOFile.WriteAllTextAsync(path, "#!/bin/sh\n");
        var inode = new FileInfo(path).LastWriteTimeUtc;

        var (plan, result) = await _host.ConvergeAsync(_module, new FileParams { Path = path, Mode = "a+x" });

        Assert.Equal($"{path}: mode", Assert.Single(plan.Changes).Path);
        Assert.Equal("0644", plan.Changes[0].Before);
        Assert.Equal("0755", plan.Changes[0].After);
        Assert.Contains("mode", result!.Message);
        Assert.Equal("#!/bin/sh\n", await IOFile.ReadAllTextAsync(path));
        Assert.Equal(inode, new FileInfo(path).LastWriteTimeUtc);
    }

    [Fact]
    public async Task A_directory_is_created_with_its_mode_and_then_in_sync()
    {
        var path = _host.PathOf("a/b/c");
        var parameters = new FileParams { Path = path, State = "directory", Mode = "0750" };

        var (plan, _) = await _host.ConvergeAsync(_module, parameters);
        var again = await _host.CheckAsync(_module, parameters);

        Assert.Equal("directory", plan.Changes[0].After);
        Assert.True(Directory.Exists(path));
        Assert.Equal("0750", Convert.ToString((int)IOFile.GetUnixFileMode(path), 8).PadLeft(4, '0'));
        Assert.False(again.IsDrift, again.Reason);
    }

    [Fact]
    public async Task Absent_removes_a_directory_tree_and_a_missing_path_is_in_sync()
    {
        var path = _host.PathOf("tree");
        Directory.CreateDirectory(System.IO.Path.Combine(path, "sub"));
        await IOFile.WriteAllTextAsync(System.IO.Path.Combine(path, "sub", "f"), "x");
        var parameters = new FileParams { Path = path, State = "absent" };

        var (plan, _) = await _host.ConvergeAsync(_module, parameters);
        var again = await _host.CheckAsync(_module, parameters);

        Assert.Equal("directory", plan.Changes[0].Before);
        Assert.False(Directory.Exists(path));
        Assert.False(again.IsDrift);
        Assert.Equal($"{path}: state absent as desired", again.Reason);
    }

    [Fact]
    public async Task Touch_creates_an_empty_file_once_and_never_touches_existing_content()
    {
        var created = _host.PathOf("new");
        var existing = _host.PathOf("old");
        await IOFile.WriteAllTextAsync(existing, "keep me");

        await _host.ConvergeAsync(_module, new FileParams { Path = created, State = "touch" });
        var plan = await _host.CheckAsync(_module, new FileParams { Path = existing, State = "touch" });

        Assert.Equal(0, new FileInfo(created).Length);
        Assert.False(plan.IsDrift);
        Assert.False((await _host.CheckAsync(_module, new FileParams { Path = created, State = "touch" })).IsDrift);
        Assert.Equal("keep me", await IOFile.ReadAllTextAsync(existing));
    }

    [Fact]
    public async Task An_in_sync_file_costs_one_probe_and_no_read()
    {
        var parameters = new FileParams { Path = _host.PathOf("motd"), Content = "hello\n", Mode = "0644", Owner = Environment.UserName };
        await _host.ConvergeAsync(_module, parameters);
        var connection = new CountingConnection(new CheckModeConnection(new LocalConnection("localhost")));

        var plan = await _module.CheckAsync(_host.Context(connection), parameters, CancellationToken.None);

        Assert.False(plan.IsDrift, plan.Reason);
        Assert.Equal((1, 0), (connection.Runs, connection.Reads));
    }

    [Fact]
    public async Task A_directory_where_a_file_is_wanted_fails_instead_of_being_replaced()
    {
        var path = _host.PathOf("dir");
        Directory.CreateDirectory(path);

        var error = await Assert.ThrowsAsync<TaskFailedException>(() => _host.CheckAsync(_module, new FileParams { Path = path, Content = "x" }));

        Assert.Contains("is a directory", error.Message);
    }

    [Fact]
    public async Task Check_mode_plans_every_kind_of_change_without_touching_the_disk()
    {
        await IOFile.WriteAllTextAsync(_host.PathOf("present"), "old");
        Directory.CreateDirectory(_host.PathOf("gone"));
        var before = _host.Snapshot();

        var plans = new[]
        {
            await _host.CheckAsync(_module, new FileParams { Path = _host.PathOf("present"), Content = "new", Mode = "0600" }),
            await _host.CheckAsync(_module, new FileParams { Path = _host.PathOf("gone"), State = "absent" }),
            await _host.CheckAsync(_module, new FileParams { Path = _host.PathOf("d"), State = "directory" }),
            await _host.CheckAsync(_module, new FileParams { Path = _host.PathOf("t"), State = "touch" }),
        };

        Assert.All(plans, p => Assert.True(p.IsDrift));
        Assert.Equal(before, _host.Snapshot());
    }

    [RootFact]
    [Trait("Requires", "root")]
    public async Task Owner_and_group_by_name_or_number_are_compared_and_set()
    {
        var path = _host.PathOf("owned");
        await IOFile.WriteAllTextAsync(path, "x");
        var byName = new FileParams { Path = path, Owner = "nobody", Group = "nogroup" };

        var (plan, _) = await _host.ConvergeAsync(_module, byName);
        var again = await _host.CheckAsync(_module, byName);
        var byNumber = await _host.CheckAsync(_module, new FileParams { Path = path, Owner = "65534", Group = "65534" });

        Assert.Equal(["root", "root"], plan.Changes.Select(c => c.Before));
        Assert.Equal(["nobody", "nogroup"], plan.Changes.Select(c => c.After));
        Assert.False(again.IsDrift, again.Reason);
        Assert.False(byNumber.IsDrift, byNumber.Reason);
    }

    [Theory]
    [InlineData("relative/path", "file", null, null, "absolute")]
    [InlineData("/x", "fifo", null, null, "state must be one of")]
    [InlineData("/x", "directory", "text", null, "content needs state: file")]
    [InlineData("/x", "file", null, "0999", "mode must be four octal digits")]
    [InlineData("/x", "file", null, "u=rwz", "mode must be four octal digits")]
    [InlineData("/x", "file", null, "420", "YAML reads an unquoted 0644 as the number 420")]
    public void The_validator_explains_each_mistake(string path, string state, string? content, string? mode, string expected)
    {
        var result = new FileParamsValidator().Validate(new FileParams { Path = path, State = state, Content = content, Mode = mode });

        Assert.Contains(result.Errors, e => e.ErrorMessage.Contains(expected, StringComparison.Ordinal));
    }
}
