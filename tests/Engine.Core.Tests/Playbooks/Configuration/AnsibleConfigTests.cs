using Converge.Core.Modules;
using Converge.Core.Playbooks.Configuration;
using Converge.Core.Running;
using Converge.Core.Templates;
using Converge.Core.Tests.Support;

namespace Converge.Core.Tests.Playbooks.Configuration;

public sealed class AnsibleConfigTests
{
    [Fact]
    public void Connection_keys_become_host_defaults_below_the_inventory_and_every_other_key_is_a_warning_with_its_line()
    {
        using var dir = new TempDirectory();
        var cfg = dir.Write("ansible.cfg", """
            [defaults]
            inventory = hosts.yml
            remote_user = deploy
            private_key_file = keys/id_ed25519
            forks = 7
            timeout: 20
            host_key_checking = False
            gathering = smart

            [privilege_escalation]
            become = True
            become_user = app
            become_method = su
            """);
        dir.Write("hosts.yml", "all:\n  hosts:\n    h1: {}\n    h2: {ansible_user: admin}\n  vars:\n    ansible_connection: local\n");
        var site = dir.Write("site.yml", "- hosts: all\n  gather_facts: false\n  tasks:\n    - probe: {path: /tmp/x}\n");

        var config = AnsibleConfig.Read(cfg);
        var run = new RunLoader(new ModuleRegistry().Register(new TestModule()), [], new TemplateEngine())
            .Load(new RunRequest { Playbook = site, Inventories = config.Inventory, HostDefaults = config.HostDefaults });

        Assert.Equal([Path.Combine(dir.Path, "hosts.yml")], config.Inventory);
        Assert.Equal(7, config.Forks);
        Assert.Equal(20, config.Timeout);
        Assert.Equal("deploy", run.HostVariables["h1"]["ansible_user"]);
        Assert.Equal("admin", run.HostVariables["h2"]["ansible_user"]);
        Assert.Equal(Path.Combine(dir.Path, "keys", "id_ed25519"), run.HostVariables["h1"]["ansible_ssh_private_key_file"]);
        Assert.Equal(true, run.HostVariables["h1"]["ansible_become"]);
        Assert.Equal("app", run.HostVariables["h2"]["ansible_become_user"]);
        Assert.Equal(
            [(7, "host_key_checking = False is not honoured: Converge always verifies SSH host keys (give --accept-new-host-keys to trust and record unknown ones)"),
             (8, "[defaults] gathering is not used by Converge"),
             (13, "become_method = su is not honoured: Converge becomes another user with sudo")],
            config.Warnings);
    }
}
