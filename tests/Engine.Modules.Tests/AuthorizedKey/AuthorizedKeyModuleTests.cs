using Converge.Modules.AuthorizedKey;
using Converge.Modules.Tests.Common;

namespace Converge.Modules.Tests.AuthorizedKey;

/// <summary><c>authorized_key</c> check → apply → check on a real key file, and Ansible's edits on recorded files.</summary>
public sealed class AuthorizedKeyModuleTests : IDisposable
{
    private const string Alice = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBx0bQ3FQ2tq1iXnH3k9Q2oVn1xM6t7ZB0wE8y0H5u7a alice@laptop";
    private const string Bob = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIK3m1rA5hW9Qm0Y3nq4zK2pVY8bX6uL1tC7oE5sR2dFg bob@desk";

    private readonly ModuleTestHost _host = new();
    private readonly AuthorizedKeyModule _module = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task A_key_is_added_to_a_new_file_in_a_new_folder_then_in_sync()
    {
        var path = _host.PathOf("ssh/authorized_keys");
        var parameters = new AuthorizedKeyParams { User = Environment.UserName, Key = Alice, Path = path, KeyOptions = "no-port-forwarding,from=\"10.0.0.1\"" };

        var check = await _host.CheckAsync(_module, parameters);
        Assert.False(Directory.Exists(_host.PathOf("ssh")));
        await _host.ConvergeAsync(_module, parameters);
        var again = await _host.CheckAsync(_module, parameters);

        Assert.Contains("+no-port-forwarding,from=\"10.0.0.1\" " + Alice, check.Changes[0].Diff);
        Assert.Equal($"no-port-forwarding,from=\"10.0.0.1\" {Alice}\n", await File.ReadAllTextAsync(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_host.PathOf("ssh")));
        Assert.False(again.IsDrift, again.Reason);
    }

    [Fact]
    public void Exclusive_keeps_only_the_given_keys_and_absent_removes_by_blob()
    {
        var existing = $"# team keys\n{Bob}\n{Alice}\n";

        var exclusive = AuthorizedKeysFile.Enforce(existing, new AuthorizedKeyParams { User = "u", Key = Alice, Exclusive = true });
        var absent = AuthorizedKeysFile.Enforce(existing, new AuthorizedKeyParams { User = "u", Key = Bob.Replace("bob@desk", "other comment", StringComparison.Ordinal), State = "absent" });

        Assert.Equal(Alice + "\n", exclusive);
        Assert.Equal($"# team keys\n{Alice}\n", absent);
    }

    [Fact]
    public void A_key_without_comment_is_written_with_Ansibles_trailing_space_and_a_new_comment_replaces_the_line()
    {
        var bare = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBx0bQ3FQ2tq1iXnH3k9Q2oVn1xM6t7ZB0wE8y0H5u7a";

        var added = AuthorizedKeysFile.Enforce(null, new AuthorizedKeyParams { User = "u", Key = bare });
        var same = AuthorizedKeysFile.Enforce(added, new AuthorizedKeyParams { User = "u", Key = bare });
        var renamed = AuthorizedKeysFile.Enforce(added, new AuthorizedKeyParams { User = "u", Key = bare, Comment = "deploy" });

        Assert.Equal(bare + " \n", added);
        Assert.Null(same);
        Assert.Equal(bare + " deploy\n", renamed);
    }

    [Theory]
    [InlineData("{ user: root, key: 'not a key' }", "authorized_key: invalid key specified: not a key")]
    [InlineData("{ user: root, key: 'https://github.com/someone.keys' }", "authorized_key: a key from a URL is not fetched by authorized_key here: fetch it first (uri with return_content, or a lookup) and pass the text")]
    public void Bad_params_are_named(string yaml, string message)
    {
        Assert.Contains(message, ValidationProbe.Problems(_module, yaml));
    }
}
