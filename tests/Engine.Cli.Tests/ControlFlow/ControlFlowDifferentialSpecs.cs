using System.Text.Json.Nodes;
using Converge.Cli.Tests.Support;
using Converge.TestKit;

namespace Converge.Cli.Tests.ControlFlow;

/// <summary>
/// A role-based playbook (a role with defaults, vars, handlers and a template; pre_tasks, tasks and post_tasks with
/// their handler flushes, listen and meta flush_handlers; dynamic include_tasks and include_role; run_once,
/// delegate_to, local_action, no_log, check_mode; meta end_host; block, rescue, always, nesting, block-level
/// ignore_errors and when) applied by converge to three local hosts must leave the files Ansible 2.14 left and
/// give its recap, as recorded by <c>record-ansible.sh</c> in <c>ansible-result.txt</c>.
/// </summary>
public sealed class ControlFlowDifferentialSpecs : IDisposable
{
    private static readonly string Here = Path.Combine(RepositoryPaths.Root, "tests", "Engine.Cli.Tests", "ControlFlow");

    private static readonly string[] Hosts = ["h1", "h2", "h3"];

    private readonly string _work = Directory.CreateTempSubdirectory("converge-control-flow-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public async Task A_role_based_playbook_with_blocks_includes_and_handlers_leaves_the_files_and_recap_Ansible_does()
    {
        var root = Directory.CreateDirectory(Path.Combine(_work, "root")).FullName;
        var inventory = Path.Combine(_work, "hosts.ini");
        await File.WriteAllLinesAsync(inventory, Hosts.Select(h => $"{h} ansible_connection=local converge_state_dir={_work}/state-{h}"));
        var report = Path.Combine(_work, "report.json");

        var outcome = await ConvergeProcess.RunAsync(["apply", Path.Combine(Here, "playbook", "site.yml"), "-i", inventory, "-e", "root=" + root, "--report", report]);

        var recorded = await File.ReadAllTextAsync(Path.Combine(Here, "ansible-result.txt"));

        // h3's block fails for good (exit bit 4); h1's and h2's failures are rescued and do not count.
        Assert.True(outcome.ExitCode == 4, outcome.ToString());
        Assert.Equal(AnsibleRecap.RecordedFiles(recorded), AnsibleRecap.Files(root));
        Assert.Equal(AnsibleRecap.Recorded(recorded), AnsibleRecap.Of(JsonNode.Parse(await File.ReadAllTextAsync(report))!));
        Assert.DoesNotContain("s3cret-value", outcome.Stdout + outcome.Stderr + await File.ReadAllTextAsync(report));
    }
}
