using Converge.TestKit;
using Converge.TestKit.Sshd;

namespace Converge.Ssh.Tests.EndToEnd;

/// <summary>Facts a play references are gathered in the host's first probe batch, counted as sshd sees it.</summary>
[Collection(SshdCollection.Name)]
[Trait("Requires", "sshd")]
public sealed class GatheredFactsOverSshSpecs(SshdFixture sshd)
{
    [SshdFact]
    public async Task Facts_cost_no_round_trip_of_their_own_on_a_no_op_rerun()
    {
        const string playbook = """
            - hosts: all
              tasks:
                - name: Facts into a file
                  copy:
                    content: "{{ ansible_os_family }} {{ ansible_facts['distribution_major_version'] }} {{ ansible_user_id }}\n"
                    dest: "{{ root }}/facts"
                - name: A condition on a fact
                  copy:
                    content: "debian\n"
                    dest: "{{ root }}/family"
                  when: ansible_os_family == "Debian"
            """;
        using var workspace = SshWorkspace.Create(sshd.Server, 2, playbook: playbook);
        var first = await ConvergeProcess.RunAsync(workspace.Arguments("apply", sshd.Server));
        Assert.True(first.ExitCode == 0, first.ToString());

        var before = sshd.Server.LogLength;
        var rerun = await ConvergeProcess.RunAsync(workspace.Arguments("apply", sshd.Server, "--detailed-exitcode"));
        var sessions = sshd.Server.SessionsSince(before);

        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        Assert.Equal([1, 1], sessions.Values);
        var major = File.ReadAllLines("/etc/os-release").Single(l => l.StartsWith("VERSION_ID=", StringComparison.Ordinal))["VERSION_ID=".Length..].Trim('"').Split('.')[0];
        Assert.All(workspace.HostRoots, root =>
        {
            Assert.Equal("debian\n", File.ReadAllText(Path.Combine(root, "family")));
            Assert.Equal($"Debian {major} root\n", File.ReadAllText(Path.Combine(root, "facts")));
        });
    }
}
