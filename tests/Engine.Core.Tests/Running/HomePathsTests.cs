using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Running;
using Converge.Core.Tests.Support;

namespace Converge.Core.Tests.Running;

/// <summary>A path from a home folder is expanded on the host (this machine, through a real local connection) from its password database.</summary>
public sealed class HomePathsTests
{
    private static string HomeOf(string user) =>
        File.ReadAllLines("/etc/passwd").Select(l => l.Split(':')).First(f => f[0] == user)[5];

    [Fact]
    public async Task A_tilde_path_is_the_home_of_the_user_the_task_runs_as_or_of_the_named_user()
    {
        await using var connection = new LocalConnection("h1");
        var homes = new HomePaths();

        var own = (TestParams)await homes.ExpandAsync(new TestParams { Path = "~/.kube/config" }, connection, null, default);
        var named = (TestParams)await homes.ExpandAsync(new TestParams { Path = "~root" }, connection, null, default);
        var plain = new TestParams { Path = "/srv/~x" };

        Assert.Equal(HomeOf(Environment.UserName) + "/.kube/config", own.Path);
        Assert.Equal(HomeOf("root"), named.Path);
        Assert.Same(plain, await homes.ExpandAsync(plain, connection, null, default));
    }

    [Fact]
    public async Task A_bare_tilde_under_become_is_the_become_user_s_home_even_after_the_login_user_s_was_read()
    {
        await using var connection = new LocalConnection("h1");
        var homes = new HomePaths();

        var login = (TestParams)await homes.ExpandAsync(new TestParams { Path = "~/x" }, connection, null, default);
        var become = (TestParams)await homes.ExpandAsync(new TestParams { Path = "~/x" }, new BecomeConnection(connection, new Become("nobody")), "nobody", default);

        Assert.Equal(HomeOf(Environment.UserName) + "/x", login.Path);
        Assert.Equal(HomeOf("nobody") + "/x", become.Path);
    }

    [Fact]
    public async Task A_user_without_a_home_is_a_task_failure_naming_him()
    {
        await using var connection = new LocalConnection("h1");

        var error = await Assert.ThrowsAsync<TaskFailedException>(() => new HomePaths().ExpandAsync(new TestParams { Path = "~no_such_user_x/p" }, connection, null, default));

        Assert.Contains("cannot expand '~no_such_user_x'", error.Message);
    }
}
