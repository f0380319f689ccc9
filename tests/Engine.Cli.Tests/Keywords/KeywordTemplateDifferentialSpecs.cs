using System.Text.Json.Nodes;
using Converge.Cli.Tests.Support;
using Converge.TestKit;

namespace Converge.Cli.Tests.Keywords;

/// <summary>
/// Task keywords written as templates (<c>ignore_errors</c>, <c>retries</c>, <c>delay</c>, <c>no_log</c>) take each
/// host's value when the task runs: applied by converge to three local hosts whose variables differ, the playbook
/// must leave the files Ansible 2.14 left and give its recap, as recorded by <c>record-ansible.sh</c>.
/// </summary>
public sealed class KeywordTemplateDifferentialSpecs : IDisposable
{
    private static readonly string Here = Path.Combine(RepositoryPaths.Root, "tests", "Engine.Cli.Tests", "Keywords");

    private readonly string _work = Directory.CreateTempSubdirectory("converge-keywords-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public async Task Keywords_written_as_templates_take_each_hosts_value_as_in_Ansible()
    {
        var root = Directory.CreateDirectory(Path.Combine(_work, "root")).FullName;
        var inventory = Path.Combine(_work, "hosts.ini");
        await File.WriteAllLinesAsync(inventory, File.ReadLines(Path.Combine(Here, "hosts.ini")).Select(l => $"{l} converge_state_dir={_work}/state-{l.Split(' ')[0]}"));
        var report = Path.Combine(_work, "report.json");

        var outcome = await ConvergeProcess.RunAsync(["apply", Path.Combine(Here, "playbook", "site.yml"), "-i", inventory, "-e", "root=" + root, "--report", report]);

        var recorded = await File.ReadAllTextAsync(Path.Combine(Here, "ansible-result.txt"));
        var json = JsonNode.Parse(await File.ReadAllTextAsync(report))!;
        Assert.True(outcome.ExitCode == 4, outcome.ToString());
        Assert.Equal(AnsibleRecap.RecordedFiles(recorded), AnsibleRecap.Files(root));
        Assert.Equal(AnsibleRecap.Recorded(recorded), AnsibleRecap.Of(json));

        // no_log: "{{ quiet }}" hides h2's failure (quiet=true) and shows h1's (quiet=false).
        string MessageOf(string host) => (string)json["tasks"]!.AsArray().Single(t => (string)t!["host"]! == host && ((string)t["task"]!).StartsWith("A keyword from a registered value", StringComparison.Ordinal))!["message"]!;
        Assert.Contains("hidden", MessageOf("h2"), StringComparison.Ordinal);
        Assert.DoesNotContain("hidden", MessageOf("h1"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_keyword_template_that_gives_no_boolean_fails_that_host_saying_where_it_was_written()
    {
        // Ansible 2.14 reports the same failure ("could not be converted to an bool") but then counts it as ignored,
        // because it tests the unrendered template text, which is not empty; Converge fails the task and stops the host.
        using var workspace = new Workspace();
        var playbook = workspace.Write("site.yml", """
            - hosts: localhost
              gather_facts: false
              tasks:
                - name: A word known only at run time
                  command: echo maybe
                  register: said
                  changed_when: false
                - name: Ignore errors as it says
                  command: /bin/false
                  ignore_errors: "{{ said.stdout }}"
                - name: Never reached
                  copy: {dest: "{{ example_root }}/reached", content: x}
            """);

        var outcome = await workspace.RunAsync("apply", playbook);

        Assert.True(outcome.ExitCode == 4, outcome.ToString());
        Assert.Contains($"{playbook}:10:22: ignore_errors must be true or false, but '{{{{ said.stdout }}}}' gave 'maybe'", outcome.Stdout + outcome.Stderr);
        Assert.False(File.Exists(workspace.PathOf("reached")));
    }

    [Fact]
    public async Task A_keyword_template_known_before_the_run_is_checked_before_any_host_is_contacted()
    {
        using var workspace = new Workspace();
        var playbook = workspace.Write("site.yml", """
            - hosts: localhost
              gather_facts: false
              vars:
                attempts: many
              tasks:
                - name: Would write
                  copy: {dest: "{{ example_root }}/written", content: x}
                - name: Retry as configured
                  command: /bin/true
                  retries: "{{ attempts }}"
                  ignore_errors: "{{ not_defined_anywhere }}"
            """);

        var outcome = await workspace.RunAsync("apply", playbook);

        Assert.True(outcome.ExitCode == 1, outcome.ToString());
        Assert.Contains($"{playbook}:10:16: error: task 'Retry as configured' on localhost: retries must be a whole number of at least 0, but '{{{{ attempts }}}}' gave 'many'", outcome.Stderr);
        Assert.Contains($"{playbook}:11:22: error: task 'Retry as configured' on localhost: ignore_errors: undefined variable 'not_defined_anywhere'", outcome.Stderr);
        Assert.False(File.Exists(workspace.PathOf("written")));
    }
}
