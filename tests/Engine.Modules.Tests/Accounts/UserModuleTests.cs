using Converge.Core.Secrets;
using Converge.Modules.Tests.Common;
using Converge.Modules.User;

namespace Converge.Modules.Tests.Accounts;

/// <summary><c>user</c> check → apply → check with the real shadow tools on a prefixed copy of the account databases.</summary>
public sealed class UserModuleTests : IDisposable
{
    private const string Hash = "$6$converge$Q9n5aVJ0eWq3gF0n3m9m8w1b7i8mQf4V3b0dJ2VxXcW1d0F6o8l3yq8c8Kq0wL6b7Q2c4g5Yq9XrS3t1uWm0z.";

    private readonly AccountTree _tree = new();
    private readonly UserModule _module;

    public UserModuleTests() => _module = new UserModule(_tree.Layout);

    public void Dispose() => _tree.Dispose();

    [RootFact]
    [Trait("Requires", "root")]
    public async Task A_new_user_is_created_with_its_groups_shell_and_password_then_in_sync()
    {
        var parameters = new UserParams { Name = "deploy", Uid = 2001, Shell = "/bin/bash", Groups = ["adm,users"], Comment = "Deploy", Password = new Secret(Hash) };
        var before = _tree.Host.Snapshot();

        var check = await _tree.Host.CheckAsync(_module, parameters);
        Assert.Equal(before, _tree.Host.Snapshot());
        var (_, applied) = await _tree.Host.ConvergeAsync(_module, parameters);
        var again = await _tree.Host.CheckAsync(_module, parameters);

        Assert.Equal("user deploy: state: absent → present", check.Changes[0].ToString());
        Assert.Contains(check.Changes, c => c.ToString() == "user deploy: password: (none) → [REDACTED]");
        Assert.DoesNotContain(check.Changes, c => c.ToString().Contains(Hash, StringComparison.Ordinal));
        Assert.StartsWith("deploy:x:2001:", _tree.Line("passwd", "deploy"));
        Assert.EndsWith(":Deploy:/home/deploy:/bin/bash", _tree.Line("passwd", "deploy"));
        Assert.StartsWith($"deploy:{Hash}:", _tree.Line("shadow", "deploy"));
        Assert.Contains("deploy", _tree.Line("group", "adm")!.Split(':')[3].Split(','));
        Assert.True(Directory.Exists(_tree.Host.PathOf("home/deploy")));
        Assert.False(again.IsDrift, string.Join("; ", again.Changes));
        Assert.Equal(2001L, applied!.Output["uid"]);
        Assert.Equal("adm,users", applied.Output["groups"]);
        Assert.Equal("NOT_LOGGING_PASSWORD", applied.Output["password"]);
    }

    [RootFact]
    [Trait("Requires", "root")]
    public async Task Changed_properties_are_modified_and_append_keeps_other_groups()
    {
        await _tree.Host.ConvergeAsync(_module, new UserParams { Name = "app", Groups = ["adm"], Shell = "/bin/sh" });
        var parameters = new UserParams { Name = "app", Groups = ["users"], Append = true, Shell = "/bin/bash", PasswordLock = true };

        var plan = await _tree.Host.CheckAsync(_module, parameters);
        await _tree.Host.ConvergeAsync(_module, parameters);
        var again = await _tree.Host.CheckAsync(_module, parameters);

        Assert.Equal(["user app: groups: adm → adm,users", "user app: shell: /bin/sh → /bin/bash"], plan.Changes.Select(c => c.ToString()).Take(2));
        Assert.EndsWith(":/bin/bash", _tree.Line("passwd", "app"));
        Assert.StartsWith("app:!", _tree.Line("shadow", "app"));
        Assert.False(again.IsDrift, string.Join("; ", again.Changes));
    }

    [RootFact]
    [Trait("Requires", "root")]
    public async Task An_ssh_key_is_generated_once_and_its_public_half_registered()
    {
        var parameters = new UserParams { Name = "keyed", GenerateSshKey = true, SshKeyType = "ed25519" };

        var (_, applied) = await _tree.Host.ConvergeAsync(_module, parameters);
        var again = await _tree.Host.CheckAsync(_module, parameters);

        Assert.True(File.Exists(_tree.Host.PathOf("home/keyed/.ssh/id_rsa")));
        Assert.StartsWith("ssh-ed25519 ", (string)applied!.Output["ssh_public_key"]!);
        Assert.False(again.IsDrift, string.Join("; ", again.Changes));
    }

    [RootFact]
    [Trait("Requires", "root")]
    public async Task Absent_with_remove_deletes_the_user_and_its_home()
    {
        await _tree.Host.ConvergeAsync(_module, new UserParams { Name = "leaver" });
        var parameters = new UserParams { Name = "leaver", State = "absent", Remove = true };

        var plan = await _tree.Host.CheckAsync(_module, parameters);
        await _tree.Host.ConvergeAsync(_module, parameters);
        var again = await _tree.Host.CheckAsync(_module, parameters);

        Assert.Equal("user leaver: state: present → absent", Assert.Single(plan.Changes).ToString());
        Assert.Null(_tree.Line("passwd", "leaver"));
        Assert.False(Directory.Exists(_tree.Host.PathOf("home/leaver")));
        Assert.Equal("user leaver does not exist", again.Reason);
    }

    [Theory]
    [InlineData("{ name: bob, state: gone }", "user: state must be present or absent, not 'gone'")]
    [InlineData("{ name: 'bad name' }", "user: 'bad name' is not a valid user name (letters, digits, '_', '.', '-'; at most 32)")]
    [InlineData("{ name: bob, password: 'a:b' }", "user: password must be a crypt(3) hash such as \"{{ 'secret' | password_hash('sha512') }}\" (no ':' or newline)")]
    [InlineData("{ name: bob, state: absent, shell: /bin/sh }", "user: state absent removes the user: uid, group, groups, shell, password and generate_ssh_key only apply with state present")]
    public void Bad_params_are_named(string yaml, string message)
    {
        Assert.Contains(message, ValidationProbe.Problems(new UserModule(), yaml));
    }

    [Fact]
    public void Ansible_aliases_bind()
    {
        var parameters = ValidationProbe.Bind(new UserModule(), "{ user: bob, createhome: false, groups: 'adm, users' }");

        Assert.Equal("bob", parameters.Name);
        Assert.False(parameters.CreateHome);
        Assert.Equal(["adm", "users"], UserState.Split(parameters.Groups!));
    }
}
