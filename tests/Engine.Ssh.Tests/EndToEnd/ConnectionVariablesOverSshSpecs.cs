using System.Globalization;
using Converge.TestKit;
using Converge.TestKit.Sshd;

namespace Converge.Ssh.Tests.EndToEnd;

/// <summary>
/// Connection variables are variables like any other (issue 9, items 1 and 2): extra vars win, play vars count,
/// templates are rendered per host, and whatever reaches a secret variable is never printed.
/// </summary>
[Collection(SshdCollection.Name)]
[Trait("Requires", "sshd")]
public sealed class ConnectionVariablesOverSshSpecs(SshdFixture sshd)
{
    [SshdFact]
    public async Task Extra_vars_override_the_inventorys_address_port_and_user()
    {
        // The inventory points at nothing that listens, as a user nobody has; -e fixes all three.
        var wrong = new Dictionary<int, IReadOnlyDictionary<string, object>>
        {
            [0] = new Dictionary<string, object> { ["ansible_host"] = "127.0.0.1", ["ansible_port"] = 1, ["ansible_user"] = "nosuchuser" },
        };
        using var workspace = SshWorkspace.Create(sshd.Server, 1, wrong);

        var run = await ConvergeProcess.RunAsync(workspace.Arguments(
            "apply",
            sshd.Server,
            "-e", $"ansible_host={sshd.Server.Addresses[0]}",
            "-e", $"ansible_port={sshd.Server.Port.ToString(CultureInfo.InvariantCulture)}",
            "-e", "ansible_user=root"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("etc/motd", workspace.FilesOf(0));
    }

    [SshdFact]
    public async Task Play_vars_set_the_login_user()
    {
        var wrongUser = new Dictionary<int, IReadOnlyDictionary<string, object>> { [0] = new Dictionary<string, object> { ["ansible_user"] = "nosuchuser" } };
        const string playbook = """
            - name: Login user from play vars
              hosts: all
              vars:
                ansible_user: root
              tasks:
                - name: Marker
                  copy:
                    content: "reached\n"
                    dest: "{{ root }}/marker"
            """;
        using var workspace = SshWorkspace.Create(sshd.Server, 1, wrongUser, playbook);

        var run = await ConvergeProcess.RunAsync(workspace.Arguments("apply", sshd.Server));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("reached\n", await File.ReadAllTextAsync(Path.Combine(workspace.HostRoots[0], "marker")));
    }

    [SshdFact]
    public async Task Templated_connection_variables_are_rendered_and_the_secret_they_reach_is_never_printed()
    {
        var address = sshd.Server.Addresses[0];
        var lastDot = address.LastIndexOf('.');
        var templated = new Dictionary<int, IReadOnlyDictionary<string, object>>
        {
            [0] = new Dictionary<string, object>
            {
                ["net_base"] = address[..lastDot],
                ["ansible_host"] = $"\"{{{{ net_base }}}}{address[lastDot..]}\"",
                ["ansible_user"] = sshd.Users.PasswordUser,
                ["ansible_become"] = "true",
                ["sudo_secret"] = sshd.Users.Password,
                ["ansible_become_password"] = "\"{{ sudo_secret }}\"",
            },
        };
        using var workspace = SshWorkspace.Create(sshd.Server, 1, templated);
        var report = Path.Combine(workspace.Directory, "report.json");

        var run = await ConvergeProcess.RunAsync(workspace.Arguments("apply", sshd.Server, "--diff", "--verbose", "--report", report));
        var list = await ConvergeProcess.RunAsync("inventory", "-i", workspace.Inventory, "--list");
        var host = await ConvergeProcess.RunAsync("inventory", "-i", workspace.Inventory, "--host", "host1");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("etc/motd", workspace.FilesOf(0));
        Assert.True(list.ExitCode == 0 && host.ExitCode == 0, list.ToString() + host);
        Assert.Contains("[REDACTED]", host.Stdout);
        Assert.DoesNotContain(sshd.Users.Password, run.ToString() + await File.ReadAllTextAsync(report) + list + host);
    }
}
