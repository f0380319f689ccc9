using System.Net;
using System.Net.Sockets;
using Converge.Cli.Tests.Support;
using Converge.TestKit;

namespace Converge.Cli.Tests.Specs;

/// <summary>Jinja mistakes are load-time diagnostics with file:line:col, all at once, before anything is touched.</summary>
public sealed class TemplateSpecs
{
    [Fact]
    public async Task Three_Jinja_mistakes_give_three_located_diagnostics_and_nothing_is_touched()
    {
        using var workspace = new Workspace();
        var template = workspace.Write("templates/motd.j2", "hello\n{% if greeting %}\n{{ greeting }}\n");
        var playbook = workspace.Write("site.yml", """
            - hosts: localhost
              vars:
                greeting: hi
              tasks:
                - name: shout
                  copy:
                    content: "{{ greeting | shout }}"
                    dest: "{{ example_root }}/shout"
                - name: motd
                  template:
                    src: motd.j2
                    dest: "{{ example_root }}/motd"
                - name: broken condition
                  file:
                    path: "{{ example_root }}/c"
                    state: touch
                  when: greeting ==
            """);
        var before = workspace.Snapshot();

        var outcome = await workspace.RunAsync("apply", playbook);

        Assert.True(outcome.ExitCode == 1, outcome.ToString());
        Assert.Contains($"{playbook}:7:18: error: task 'shout' on localhost: copy.content: template error at 1:15: no filter named 'shout'", outcome.Stderr);
        Assert.Contains($"{template}:2:4: error: unexpected end of template: the 'if' block opened here is never closed", outcome.Stderr);
        Assert.Contains($"{playbook}:17:13: error: task 'broken condition' on localhost: when: template error at 1:12: expected an expression, got the end of the expression", outcome.Stderr);
        Assert.Contains("3 errors", outcome.Stderr);
        Assert.Equal(before, workspace.Snapshot());
    }

    [Fact]
    public async Task An_undefined_variable_in_a_comparison_or_a_negation_is_an_error_not_a_skipped_task()
    {
        using var workspace = new Workspace();
        var playbook = workspace.Write("site.yml", """
            - hosts: localhost
              tasks:
                - name: compared
                  file: { path: "{{ example_root }}/a", state: touch }
                  when: typo == 1
                - name: negated
                  file: { path: "{{ example_root }}/b", state: touch }
                  when: not other_typo
            """);

        var outcome = await workspace.RunAsync("apply", playbook);

        Assert.True(outcome.ExitCode == 1, outcome.ToString());
        Assert.Contains($"{playbook}:5:13: error: task 'compared' on localhost: when: undefined variable 'typo'", outcome.Stderr);
        Assert.Contains($"{playbook}:8:13: error: task 'negated' on localhost: when: undefined variable 'other_typo'", outcome.Stderr);
    }

    [Fact]
    public async Task Validate_reads_template_files_and_copy_sources()
    {
        using var workspace = new Workspace();
        var template = workspace.Write("templates/app.conf.j2", "name = {{ app_name }}\nport = {{ app_prot }}\n");
        var playbook = workspace.Write("site.yml", """
            - hosts: localhost
              vars:
                app_name: demo
              tasks:
                - name: config
                  template: { src: app.conf.j2, dest: "{{ example_root }}/app.conf" }
                - name: missing template
                  template: { src: nope.j2, dest: "{{ example_root }}/nope" }
                - name: missing source
                  copy: { src: nothere.conf, dest: "{{ example_root }}/y" }
            """);

        var outcome = await workspace.RunAsync("validate", playbook);

        Assert.True(outcome.ExitCode == 1, outcome.ToString());
        Assert.Contains($"{template}:2:11: error: undefined variable 'app_prot' (template of task 'config')", outcome.Stderr);
        Assert.Contains($"{playbook}:8:24: error: task 'missing template': template.src: 'nope.j2' not found", outcome.Stderr);
        Assert.Contains($"{playbook}:10:20: error: task 'missing source': copy.src: 'nothere.conf' not found", outcome.Stderr);
    }

    [Fact]
    public async Task Three_Jinja_mistakes_against_a_remote_host_never_contact_it()
    {
        using var workspace = new Workspace();
        using var target = new TcpListener(IPAddress.Loopback, 0);
        target.Start();
        var inventory = workspace.Write("hosts.ini", $"web ansible_host=127.0.0.1 ansible_port={((IPEndPoint)target.LocalEndpoint).Port} ansible_user=nobody\n");
        var knownHosts = workspace.Write("known_hosts", string.Empty);
        workspace.Write("templates/motd.j2", "{% if greeting %}\n{{ greeting }}\n");
        var playbook = workspace.Write("site.yml", """
            - hosts: all
              vars:
                greeting: hi
              tasks:
                - copy: { content: "{{ greeting | shout }}", dest: /tmp/shout }
                - template: { src: motd.j2, dest: /tmp/motd }
                - command: echo hi
                  when: greeting ==
            """);

        var outcome = await ConvergeProcess.RunAsync(["apply", playbook, "-i", inventory, "--known-hosts", knownHosts]);

        Assert.True(outcome.ExitCode == 1, outcome.ToString());
        Assert.Contains("3 errors", outcome.Stderr);
        Assert.Contains("no filter named 'shout'", outcome.Stderr);
        Assert.Contains("the 'if' block opened here is never closed", outcome.Stderr);
        Assert.Contains("when: template error at 1:12", outcome.Stderr);
        Assert.False(target.Pending(), "a run with Jinja mistakes connected to the inventory's host");
    }
}
