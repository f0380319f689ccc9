using Converge.Core.Diagnostics;
using Converge.Core.Secrets;
using Converge.Modules.Htpasswd;
using Converge.Modules.Tests.Common;

namespace Converge.Modules.Tests.Htpasswd;

/// <summary><c>htpasswd</c> on real files, and the MD5-crypt hashes against known values from Apache's htpasswd and passlib.</summary>
public sealed class HtpasswdModuleTests : IDisposable
{
    private readonly ModuleTestHost _host = new();
    private readonly HtpasswdModule _module = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public void Md5_crypt_matches_known_hashes()
    {
        // passlib.hash.apr_md5_crypt.hash("password", salt="r31.....") and md5_crypt.hash("password", salt="3azHgidD"), recorded.
        Assert.Equal("$apr1$r31.....$ARC3pREO82RIm0aQ2zszC0", Md5Crypt.Hash("password", "r31.....", "$apr1$"));
        Assert.Equal("$1$3azHgidD$SrJPt7B.9rekpmwJwtON31", Md5Crypt.Hash("password", "3azHgidD", "$1$"));
        Assert.True(Md5Crypt.Verify("password", "$apr1$r31.....$ARC3pREO82RIm0aQ2zszC0"));
        Assert.False(Md5Crypt.Verify("Password", "$apr1$r31.....$ARC3pREO82RIm0aQ2zszC0"));
    }

    [Fact]
    public async Task A_user_is_added_once_kept_while_the_password_matches_replaced_when_it_changes_and_removed()
    {
        var path = _host.PathOf("web/users");
        var alice = new HtpasswdParams { Path = path, Name = "alice", Password = new Secret("s3cret"), Mode = "0640" };

        var check = await _host.CheckAsync(_module, alice);
        Assert.False(File.Exists(path));
        await _host.ConvergeAsync(_module, alice);
        var first = await File.ReadAllTextAsync(path);
        var again = await _host.CheckAsync(_module, alice);
        await _host.ConvergeAsync(_module, alice with { Name = "bob", Password = new Secret("b0b") });
        var (changed, _) = await _host.ConvergeAsync(_module, alice with { Password = new Secret("new") });
        var (removed, _) = await _host.ConvergeAsync(_module, alice with { Name = "bob", State = "absent", Password = null });

        Assert.Equal($"{path}: user alice: absent → present", Assert.Single(check.Changes).ToString());
        Assert.Matches(@"^alice:\$apr1\$[./0-9A-Za-z]{8}\$[./0-9A-Za-z]{22}\n$", first);
        Assert.False(again.IsDrift, again.Reason);
        Assert.Equal($"{path}: user alice: another password → present", Assert.Single(changed.Changes).ToString());
        Assert.True(removed.IsDrift);
        var lines = await File.ReadAllLinesAsync(path);
        Assert.True(Md5Crypt.Verify("new", Assert.Single(lines)["alice:".Length..]));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(path));
        Assert.DoesNotContain("s3cret", string.Join(" ", check.Changes.Select(c => c.ToString())) + check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_without_create_fails_and_absent_on_a_missing_file_is_in_sync()
    {
        var path = _host.PathOf("none/users");

        var error = await Assert.ThrowsAsync<TaskFailedException>(() => _host.CheckAsync(_module, new HtpasswdParams { Path = path, Name = "a", Password = new Secret("x"), Create = false }));
        var absent = await _host.CheckAsync(_module, new HtpasswdParams { Path = path, Name = "a", State = "absent" });

        Assert.Equal($"Destination {path} does not exist", error.Message);
        Assert.False(absent.IsDrift);
    }

    [Theory]
    [InlineData("{ path: /etc/munin/munin-htpasswd, name: munin, password: x, create: true, state: present }", null)]
    [InlineData("{ dest: /etc/x, username: u, password: x, crypt_scheme: apr_md5_crypt }", null)]
    [InlineData("{ path: /etc/x, name: u }", "password is required with state present")]
    [InlineData("{ path: /etc/x, name: u, password: x, hash_scheme: bcrypt }", "hash_scheme 'bcrypt' is not supported")]
    public void Params_are_the_collection_s(string yaml, string? message) =>
        ValidationProbe.AssertProblem(_module, yaml, message);
}
