using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
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
        var files = recorded[(recorded.IndexOf("# files\n", StringComparison.Ordinal) + "# files\n".Length)..];

        // h3's block fails for good (exit bit 4); h1's and h2's failures are rescued and do not count.
        Assert.True(outcome.ExitCode == 4, outcome.ToString());
        Assert.Equal(files, Files(root));
        Assert.Equal(RecordedRecap(recorded), Recap(JsonNode.Parse(await File.ReadAllTextAsync(report))!));
        Assert.DoesNotContain("s3cret-value", outcome.Stdout + outcome.Stderr + await File.ReadAllTextAsync(report));
    }

    /// <summary>Every file under the root, as the recording script lists them: name, then content.</summary>
    private static string Files(string root)
    {
        var text = new StringBuilder();
        foreach (var file in Directory.EnumerateFiles(root).Order(StringComparer.Ordinal))
        {
            text.Append("== ").Append(Path.GetFileName(file)).Append('\n').Append(File.ReadAllText(file));
        }

        return text.ToString();
    }

    /// <summary>Ansible's recap lines: its ok counts changed tasks too, so converge's ok + changed is compared with it.</summary>
    private static List<string> RecordedRecap(string recorded) =>
    [
        .. recorded[..recorded.IndexOf("# files\n", StringComparison.Ordinal)].Split('\n').Where(l => l.StartsWith('h')).Select(l =>
        {
            var fields = l.Split(' ').Skip(1).Select(f => f.Split('=')).ToDictionary(f => f[0], f => f[1]);
            return $"{l.Split(' ')[0]} ok={fields["ok"]} changed={fields["changed"]} failed={fields["failed"]} skipped={fields["skipped"]} rescued={fields["rescued"]} ignored={fields["ignored"]}";
        }),
    ];

    private static List<string> Recap(JsonNode report) =>
    [
        .. report["hosts"]!.AsObject().OrderBy(h => h.Key, StringComparer.Ordinal).Select(h =>
        {
            int Count(string name) => (int)h.Value![name]!;
            return string.Create(CultureInfo.InvariantCulture, $"{h.Key} ok={Count("ok") + Count("changed")} changed={Count("changed")} failed={Count("failed")} skipped={Count("skipped")} rescued={Count("rescued")} ignored={Count("ignored")}");
        }),
    ];
}
