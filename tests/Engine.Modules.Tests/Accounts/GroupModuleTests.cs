using Converge.Modules.Group;
using Converge.Modules.Tests.Common;

namespace Converge.Modules.Tests.Accounts;

/// <summary><c>group</c> check → apply → check with the real groupadd/groupmod/groupdel on a prefixed copy of the databases.</summary>
public sealed class GroupModuleTests : IDisposable
{
    private readonly AccountTree _tree = new();
    private readonly GroupModule _module;

    public GroupModuleTests() => _module = new GroupModule(_tree.Layout);

    public void Dispose() => _tree.Dispose();

    [RootFact]
    [Trait("Requires", "root")]
    public async Task A_group_is_created_then_its_gid_changed_then_removed()
    {
        var create = new GroupParams { Name = "webops", Gid = 2500 };
        var before = _tree.Host.Snapshot();

        var planned = await _tree.Host.CheckAsync(_module, create);
        Assert.Equal(before, _tree.Host.Snapshot());
        var (_, created) = await _tree.Host.ConvergeAsync(_module, create);
        var inSync = await _tree.Host.CheckAsync(_module, create);
        var (moved, _) = await _tree.Host.ConvergeAsync(_module, create with { Gid = 2501 });
        var (removed, _) = await _tree.Host.ConvergeAsync(_module, new GroupParams { Name = "webops", State = "absent" });
        var gone = await _tree.Host.CheckAsync(_module, new GroupParams { Name = "webops", State = "absent" });

        Assert.Equal("group webops: state: absent → present", Assert.Single(planned.Changes).ToString());
        Assert.Equal(2500L, created!.Output["gid"]);
        Assert.False(inSync.IsDrift, inSync.Reason);
        Assert.Equal("group webops: gid: 2500 → 2501", Assert.Single(moved.Changes).ToString());
        Assert.Equal("group webops: state: present → absent", Assert.Single(removed.Changes).ToString());
        Assert.Null(_tree.Line("group", "webops"));
        Assert.False(gone.IsDrift);
    }

    [Fact]
    public void Non_unique_without_a_gid_is_refused()
    {
        Assert.Contains("group: non_unique needs a gid", ValidationProbe.Problems(new GroupModule(), "{ name: g, non_unique: true }"));
    }
}
