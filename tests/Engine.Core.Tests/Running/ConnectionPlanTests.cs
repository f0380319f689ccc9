using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Modules;
using Converge.Core.Running;
using Converge.Core.Templates;
using Converge.Core.Tests.Support;

namespace Converge.Core.Tests.Running;

/// <summary>Connection variables at load: precedence, templates, secrets, and where a bad one is reported.</summary>
public sealed class ConnectionPlanTests
{
    private static readonly TemplateEngine Templates = new();

    private static LoadedRun Load(TempDirectory dir, string playbook, params string[] extraVars)
    {
        var modules = new ModuleRegistry().Register(new TestModule());
        return new RunLoader(modules, [], Templates).Load(new RunRequest
        {
            Playbook = dir.Write("site.yml", playbook),
            Inventories = [Path.Combine(dir.Path, "inventory")],
            ExtraVars = extraVars,
        });
    }

    private static TempDirectory Inventory(string hostVars)
    {
        var dir = new TempDirectory();
        dir.Write("inventory/hosts.yml", "all:\n  hosts:\n    web1:\n      ansible_host: 192.0.2.10\n      ansible_user: deploy\n");
        dir.Write("inventory/host_vars/web1.yml", hostVars);
        return dir;
    }

    [Fact]
    public void A_bad_connection_variable_is_located_where_it_was_set_from_its_names_not_its_message()
    {
        using var dir = Inventory("app_port: 8080\nansible_port: eighty\n");

        var error = Assert.Throws<ConfigurationException>(() => Load(dir, "- hosts: all\n  tasks:\n    - probe: /x\n"));

        var diagnostic = Assert.Single(error.Diagnostics);
        Assert.Equal(DiagnosticKind.InvalidConnectionVariable, diagnostic.Kind);
        Assert.Equal(["web1", "ansible_port"], diagnostic.Names);
        Assert.Equal((Path.Combine(dir.Path, "inventory", "host_vars", "web1.yml"), 2), (diagnostic.Span.File, diagnostic.Span.Line));
    }

    [Fact]
    public void A_bad_connection_variable_from_play_vars_or_extra_vars_is_located_there()
    {
        using var dir = Inventory("app_port: 8080\n");

        var fromPlay = Assert.Throws<ConfigurationException>(() => Load(dir, "- hosts: all\n  vars:\n    ansible_become: maybe\n  tasks:\n    - probe: /x\n"));
        var fromExtra = Assert.Throws<ConfigurationException>(() => Load(dir, "- hosts: all\n  tasks:\n    - probe: /x\n", "ansible_port=0"));

        Assert.Equal((Path.Combine(dir.Path, "site.yml"), 1), (fromPlay.Diagnostics[0].Span.File, fromPlay.Diagnostics[0].Span.Line));
        Assert.Equal(["web1", "ansible_become"], fromPlay.Diagnostics[0].Names);
        Assert.Equal(SourceSpan.CommandLine("-e ansible_port"), fromExtra.Diagnostics[0].Span);
    }

    [Fact]
    public void Extra_vars_win_play_vars_count_and_templates_are_rendered_per_host()
    {
        using var dir = Inventory("net: 198.51.100\nansible_port: 2200\n");
        const string playbook = """
            - hosts: all
              vars:
                ansible_user: admin
                ansible_host: "{{ net }}.7"
              tasks:
                - probe: /x
                - name: as postgres
                  probe: /y
                  become: true
                  vars:
                    ansible_become_user: postgres
            """;

        var run = Load(dir, playbook, "ansible_port=2222");
        var nodes = run.Graph.NodesOf("web1");
        var first = run.Connections.For(nodes[0]);

        Assert.Equal(("198.51.100.7", 2222, "admin"), (first.Address, first.Port, first.User));
        Assert.Null(run.Connections.BecomeOf(nodes[0]));
        Assert.Equal(new Become("postgres"), run.Connections.BecomeOf(nodes[1]));
        Assert.True(first.SameTransportAs(run.Connections.For(nodes[1])));
    }

    [Fact]
    public void What_reaches_a_secret_connection_variable_is_a_secret_of_the_run()
    {
        using var dir = Inventory("vault_sudo: s3cret-sudo\nansible_become: true\nansible_become_password: \"{{ vault_sudo }}\"\n");

        var run = Load(dir, "- hosts: all\n  tasks:\n    - probe: /x\n");

        var become = run.Connections.BecomeOf(run.Graph.NodesOf("web1")[0]);
        Assert.Equal("s3cret-sudo", become!.Password!.Reveal());
        Assert.Equal("password [REDACTED]", run.Secrets.Redact("password s3cret-sudo"));
    }

    [Fact]
    public void Delegate_to_uses_the_delegated_hosts_connection_variables_and_localhost_outside_the_inventory_is_local()
    {
        using var dir = Inventory("app_port: 8080\n");
        dir.Write("inventory/hosts.yml", "all:\n  hosts:\n    web1:\n      ansible_host: 192.0.2.10\n      ansible_user: deploy\n    db1:\n      ansible_host: 192.0.2.20\n      ansible_port: 2222\n");

        var run = Load(dir, """
            - hosts: web1
              connection: ssh
              tasks:
                - name: own
                  probe: /x
                - name: on db1
                  probe: /x
                  delegate_to: "{{ 'db' + '1' }}"
                - name: on the controller
                  probe: /x
                  delegate_to: localhost
                - name: local by keyword
                  probe: /x
                  connection: local
            """);

        var nodes = run.Graph.NodesOf("web1").ToDictionary(n => n.Task.Name);
        Assert.Equal(("web1", "192.0.2.10", false), Describe(run.Connections.For(nodes["own"])));
        Assert.Equal(("db1", "192.0.2.20", false), Describe(run.Connections.For(nodes["on db1"])));
        Assert.Equal(2222, run.Connections.For(nodes["on db1"]).Port);
        Assert.True(run.Connections.For(nodes["on the controller"]).IsLocal);
        Assert.True(run.Connections.For(nodes["local by keyword"]).IsLocal);

        static (string, string, bool) Describe(HostConnectionSettings settings) => (settings.Host, settings.Address, settings.IsLocal);
    }

    [Fact]
    public void A_connection_variable_wins_over_the_connection_keyword_and_an_unknown_delegate_is_located()
    {
        using var dir = Inventory("ansible_connection: ssh\n");

        var run = Load(dir, "- hosts: all\n  connection: local\n  tasks:\n    - probe: /x\n");
        var error = Assert.Throws<ConfigurationException>(() => Load(dir, "- hosts: all\n  tasks:\n    - name: elsewhere\n      probe: /x\n      delegate_to: nowhere\n"));

        Assert.False(run.Connections.For(run.Graph.NodesOf("web1")[0]).IsLocal);
        var diagnostic = Assert.Single(error.Diagnostics);
        Assert.Equal((Path.Combine(dir.Path, "site.yml"), 3), (diagnostic.Span.File, diagnostic.Span.Line));
        Assert.Contains("delegate_to: 'nowhere' is not a host of the inventory (nor localhost)", diagnostic.Message);
    }
}
