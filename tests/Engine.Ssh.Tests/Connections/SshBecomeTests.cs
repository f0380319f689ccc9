using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Secrets;
using Converge.TestKit.Sshd;

namespace Converge.Ssh.Tests.Connections;

[Collection(SshdCollection.Name)]
[Trait("Requires", "sshd")]
public sealed class SshBecomeTests(SshdFixture sshd)
{
    private static readonly CommandSpec WhoAmIWithInput = CommandSpec.Shell("id -un; cat", CommandKind.Probe) with { StandardInput = "the input\n" };

    [SshdFact]
    public async Task Become_with_a_sudo_password_runs_as_root_and_the_password_never_reaches_the_command()
    {
        var become = new Become("root", new Secret(sshd.Users.Password));
        await using var connection = await TestConnections.OpenAsync(sshd.Server, user: sshd.Users.PasswordUser);

        var first = await connection.RunAsync(WhoAmIWithInput with { Become = become }, CancellationToken.None);
        var cached = await connection.RunAsync(WhoAmIWithInput with { Become = become }, CancellationToken.None);
        var plain = await connection.RunAsync(CommandSpec.Probe("id", "-un"), CancellationToken.None);

        Assert.Equal(new CommandResult(0, null, "root\nthe input\n", string.Empty), first);
        Assert.Equal(first, cached);
        Assert.Equal(sshd.Users.PasswordUser + "\n", plain.Stdout);
    }

    [SshdFact]
    public async Task Become_without_a_password_uses_sudo_non_interactively()
    {
        await using var connection = await TestConnections.OpenAsync(sshd.Server, user: sshd.Users.NoPasswordUser);

        var result = await connection.RunAsync(WhoAmIWithInput with { Become = new Become() }, CancellationToken.None);
        var toUser = await connection.RunAsync(CommandSpec.Probe("id", "-un") with { Become = new Become("nobody") }, CancellationToken.None);

        Assert.Equal(new CommandResult(0, null, "root\nthe input\n", string.Empty), result);
        Assert.Equal("nobody\n", toUser.Stdout);
    }

    [SshdFact]
    public async Task A_password_that_sudo_does_not_ask_for_is_not_fed_to_the_command()
    {
        await using var connection = await TestConnections.OpenAsync(sshd.Server, user: sshd.Users.NoPasswordUser);

        var result = await connection.RunAsync(WhoAmIWithInput with { Become = new Become("root", new Secret("unused-password")) }, CancellationToken.None);

        Assert.Equal(new CommandResult(0, null, "root\nthe input\n", string.Empty), result);
    }

    [SshdFact]
    public async Task Sudo_refusals_are_clear_failures_that_never_show_the_password()
    {
        var redactor = new Redactor();
        var wrong = new Secret("Wrong-Password-42");
        redactor.Register(wrong);
        await using var connection = await TestConnections.OpenAsync(sshd.Server, user: sshd.Users.PasswordUser, options: TestConnections.Options(sshd.Server, redactor));

        var noPassword = await Assert.ThrowsAsync<TaskFailedException>(() =>
            connection.RunAsync(CommandSpec.Probe("true") with { Become = new Become() }, CancellationToken.None));
        var badPassword = await Assert.ThrowsAsync<TaskFailedException>(() =>
            connection.RunAsync(CommandSpec.Probe("true") with { Become = new Become("root", wrong) }, CancellationToken.None));

        Assert.Contains("become root failed", noPassword.Message);
        Assert.Contains("set ansible_become_password", noPassword.Message);
        Assert.Contains("sudo rejected the become password", badPassword.Message);
        Assert.DoesNotContain(wrong.Reveal(), $"{badPassword} {badPassword.Command} {badPassword.StderrTail}");
    }

    [SshdFact]
    public async Task The_sudo_password_is_never_in_any_process_arguments()
    {
        var become = new Become("root", new Secret(sshd.Users.Password));
        await using var connection = await TestConnections.OpenAsync(sshd.Server, user: sshd.Users.PasswordUser);
        await using var observer = await TestConnections.OpenAsync(sshd.Server);
        var release = Path.Combine(Path.GetTempPath(), $"converge-release-{Guid.NewGuid():N}");

        // The become command waits until the test has looked at every process's arguments.
        var running = connection.RunAsync(CommandSpec.Shell($"while [ ! -e {release} ]; do sleep 0.1; done", CommandKind.Probe) with { Become = become }, CancellationToken.None);
        var processes = string.Empty;
        for (var attempt = 0; attempt < 300 && !processes.Contains("sudo -S -p  -u root", StringComparison.Ordinal); attempt++)
        {
            await Task.Delay(100);
            processes = (await observer.RunAsync(CommandSpec.Probe("ps", "-eo", "args"), CancellationToken.None)).Stdout;
        }

        await File.WriteAllTextAsync(release, string.Empty);
        var result = await running;
        File.Delete(release);

        Assert.True(result.Succeeded, result.Stderr);
        Assert.Contains("sudo -S -p  -u root", processes);
        Assert.DoesNotContain(sshd.Users.Password, processes);
    }

    [SshdFact]
    public async Task Files_and_probes_honour_become()
    {
        var become = new Become("root", new Secret(sshd.Users.Password));
        await using var connection = await TestConnections.OpenAsync(sshd.Server, host: 2, user: sshd.Users.PasswordUser);
        var folder = Path.Combine(sshd.Server.HostDirectory(2), "become-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var path = Path.Combine(folder, "secret.conf");

        var denied = await Assert.ThrowsAsync<TaskFailedException>(() =>
            connection.WriteFileAsync(path, "x"u8.ToArray(), FileWriteOptions.Default, CancellationToken.None));
        await connection.WriteFileAsync(path, "root only\n"u8.ToArray(), new FileWriteOptions { Mode = 0b110_000_000, Become = become }, CancellationToken.None);
        var read = await connection.ReadFileAsync(path, become, CancellationToken.None);
        var stat = await connection.StatAsync(path, become, CancellationToken.None);
        var probes = await connection.RunProbesAsync([CommandSpec.Probe("id", "-un"), CommandSpec.Probe("cat", path)], CancellationToken.None);
        var rootProbes = await new BecomeConnection(connection, become).RunProbesAsync([CommandSpec.Probe("id", "-un"), CommandSpec.Probe("cat", path)], CancellationToken.None);

        Assert.Contains("Permission denied", denied.Message);
        Assert.Equal("root only\n"u8.ToArray(), read);
        Assert.Equal(("root", "root", 0b110_000_000), (stat!.Owner, stat.Group, stat.Mode));
        Assert.Equal((sshd.Users.PasswordUser + "\n", 1), (probes[0].Stdout, probes[1].ExitCode));
        Assert.Equal(["root\n", "root only\n"], rootProbes.Select(r => r.Stdout));
        Assert.Single(Directory.GetFiles(folder));
    }
}
