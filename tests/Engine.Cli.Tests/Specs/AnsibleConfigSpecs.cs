using Converge.Cli.Tests.Support;
using Converge.TestKit;

namespace Converge.Cli.Tests.Specs;

/// <summary>ansible.cfg beside where converge runs: what it sets is used, and what Converge does not act on is a warning.</summary>
public sealed class AnsibleConfigSpecs
{
    [Fact]
    public async Task I_see_a_located_warning_for_each_ansible_cfg_key_converge_does_not_honour()
    {
        using var workspace = new Workspace();
        workspace.Write("ansible.cfg", "[defaults]\ninventory = hosts.ini\nhost_key_checking = False\nstdout_callback = yaml\n");
        workspace.Write("hosts.ini", "localhost ansible_connection=local\n");
        var playbook = workspace.Write("site.yml", "- hosts: all\n  gather_facts: false\n  tasks:\n    - debug: {msg: hi}\n");

        var outcome = await ConvergeProcess.RunAsync(["validate", playbook], workspace.Root);

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Contains("ansible.cfg:3: warning: host_key_checking = False is not honoured: Converge always verifies SSH host keys", outcome.Stderr);
        Assert.Contains("ansible.cfg:4: warning: [defaults] stdout_callback is not used by Converge", outcome.Stderr);
    }
}
