using Converge.Modules.BlockInFile;
using Converge.Modules.Tests.Common;

namespace Converge.Modules.Tests.BlockInFile;

public sealed class BlockInFileModuleTests : IDisposable
{
    private readonly ModuleTestHost _host = new();
    private readonly BlockInFileModule _module = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task A_block_is_inserted_after_a_match_then_replaced_in_place_then_in_sync()
    {
        var path = _host.PathOf("hosts");
        await File.WriteAllTextAsync(path, "127.0.0.1 localhost\n# peers\n::1 ip6-localhost\n");
        var first = new BlockInFileParams { Path = path, Block = "10.0.0.2 b\n10.0.0.3 c\n", InsertAfter = "^# peers" };
        var second = first with { Block = "10.0.0.4 d" };

        var plan = await _host.CheckAsync(_module, first);
        await _host.ConvergeAsync(_module, first);
        await _host.ConvergeAsync(_module, second);
        var again = await _host.CheckAsync(_module, second);

        Assert.Contains("+# BEGIN ANSIBLE MANAGED BLOCK\n+10.0.0.2 b\n", Assert.Single(plan.Changes).Diff);
        Assert.Equal("127.0.0.1 localhost\n# peers\n# BEGIN ANSIBLE MANAGED BLOCK\n10.0.0.4 d\n# END ANSIBLE MANAGED BLOCK\n::1 ip6-localhost\n", await File.ReadAllTextAsync(path));
        Assert.False(again.IsDrift, again.Reason);
    }

    [Fact]
    public async Task Absent_removes_only_the_marked_block_and_check_mode_changes_nothing()
    {
        var path = _host.PathOf("conf");
        await File.WriteAllTextAsync(path, "a\n# BEGIN x\nb\n# END x\nc\n");
        var parameters = new BlockInFileParams { Path = path, Marker = "# {mark} x", State = "absent" };
        var before = _host.Snapshot();

        var plan = await _host.CheckAsync(_module, parameters);
        var untouched = _host.Snapshot();
        await _host.ConvergeAsync(_module, parameters);

        Assert.True(plan.IsDrift);
        Assert.Equal(before, untouched);
        Assert.Equal("a\nc\n", await File.ReadAllTextAsync(path));
    }

    [Fact]
    public void The_validator_refuses_a_marker_without_mark()
    {
        var result = new BlockInFileParamsValidator().Validate(new BlockInFileParams { Path = "/etc/x", Marker = "# managed" });

        Assert.Contains("marker must be one line containing {mark}", Assert.Single(result.Errors).ErrorMessage);
    }
}
