using System.Text.Json.Nodes;
using Converge.Cli.Tests.Support;
using Converge.TestKit;

namespace Converge.Cli.Tests.TaskKeywords;

/// <summary>
/// Task keywords the corpus's roles use: <c>notify</c> on a block, a handler that is an <c>include_tasks</c>, <c>set_fact</c> written <c>k=v</c> with names that are
/// templates, <c>async</c>/<c>poll</c>, <c>delegate_to</c> over the loop item. Applied to two local hosts, they leave the
/// files, changed and failed counts Ansible 2.14 left (<c>record-ansible.sh</c>, <c>ansible-result.txt</c>); and they fail where they should.
/// </summary>
public sealed class TaskKeywordSpecs : IDisposable
{
    private static readonly string Here = Path.Combine(RepositoryPaths.Root, "tests", "Engine.Cli.Tests", "TaskKeywords");

    private static readonly string[] Hosts = ["h1", "h2"];

    private readonly string _work = Directory.CreateTempSubdirectory("converge-task-keywords-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public async Task Block_notify_templated_set_fact_names_async_and_per_item_delegation_run_as_Ansible_runs_them()
    {
        var (inventory, root, report) = await SetUpAsync();

        var outcome = await ConvergeProcess.RunAsync(["apply", Path.Combine(Here, "keywords.yml"), "-i", inventory, "-e", "root=" + root, "--report", report]);

        var recorded = await File.ReadAllTextAsync(Path.Combine(Here, "ansible-result.txt"));
        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Equal(AnsibleRecap.RecordedFiles(recorded), AnsibleRecap.Files(root));

        // Ansible also counts the handler's include_tasks as an "included" ok; Converge reads an include whose file is
        // known at load with everything else, so it is no task of its own: the ok counts differ by that one.
        static IEnumerable<string> ChangedAndFailed(IEnumerable<string> recap) =>
            recap.Select(l => string.Join(' ', l.Split(' ').Where(f => f.StartsWith("changed=", StringComparison.Ordinal) || f.StartsWith("failed=", StringComparison.Ordinal))));
        Assert.Equal(ChangedAndFailed(AnsibleRecap.Recorded(recorded)), ChangedAndFailed(AnsibleRecap.Of(JsonNode.Parse(await File.ReadAllTextAsync(report))!)));
    }

    [Fact]
    public async Task An_async_task_past_its_limit_and_a_delegate_item_that_is_no_host_fail_named()
    {
        var (inventory, root, report) = await SetUpAsync();

        var outcome = await ConvergeProcess.RunAsync(["apply", Path.Combine(Here, "failing.yml"), "-i", inventory, "-e", "root=" + root, "--report", report]);

        Assert.True(outcome.ExitCode == 4, outcome.ToString());
        var tasks = JsonNode.Parse(await File.ReadAllTextAsync(report))!["tasks"]!.AsArray();
        Assert.All(tasks.Where(t => (string)t!["task"]! == "too slow"), t => Assert.Contains("async task did not complete within the requested time - 1s", (string)t!["message"]!));
        Assert.All(tasks.Where(t => (string)t!["task"]! == "to a stranger"), t => Assert.Contains($"{Path.Combine(Here, "failing.yml")}:11:7: task 'to a stranger': delegate_to: 'nosuch' is not a host of the inventory", (string)t!["message"]!));
        Assert.Equal(4, tasks.Count);
    }

    private async Task<(string Inventory, string Root, string Report)> SetUpAsync()
    {
        var root = Directory.CreateDirectory(Path.Combine(_work, "root")).FullName;
        var inventory = Path.Combine(_work, "hosts.ini");
        await File.WriteAllLinesAsync(inventory, Hosts.Select(h => $"{h} ansible_connection=local converge_state_dir={_work}/state-{h}"));
        return (inventory, root, Path.Combine(_work, "report.json"));
    }
}
