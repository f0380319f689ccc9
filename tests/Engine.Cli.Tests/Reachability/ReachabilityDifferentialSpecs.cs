using System.Text.Json.Nodes;
using Converge.Cli.Tests.Support;
using Converge.TestKit;

namespace Converge.Cli.Tests.Reachability;

/// <summary>
/// A playbook with tasks no Debian-family host reaches (RPM-only modules under os_family guards, an include of a
/// RedHat task file, an <c>is defined</c> guard on a variable nothing sets, a role's source build off by default, an
/// include named from <c>ansible_os_family</c>):
/// <c>converge validate</c> accepts it with notes, and <c>converge apply</c> on two local hosts runs and skips what
/// Ansible 2.14 did (files left, each task's outcome, changed and failed counts, as recorded by <c>record-ansible.sh</c>
/// in <c>ansible-result.txt</c>).
/// </summary>
public sealed class ReachabilityDifferentialSpecs : IDisposable
{
    private static readonly string Here = Path.Combine(RepositoryPaths.Root, "tests", "Engine.Cli.Tests", "Reachability");

    private static readonly string[] Hosts = ["h1", "h2"];

    private readonly string _work = Directory.CreateTempSubdirectory("converge-reach-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public async Task Tasks_no_Debian_host_reaches_are_held_back_and_the_run_skips_them_as_Ansible_does()
    {
        var root = Directory.CreateDirectory(Path.Combine(_work, "root")).FullName;
        var inventory = Path.Combine(_work, "hosts.ini");
        await File.WriteAllLinesAsync(inventory, Hosts.Select(h => $"{h} ansible_connection=local converge_state_dir={_work}/state-{h}"));
        var report = Path.Combine(_work, "report.json");
        var playbook = Path.Combine(Here, "playbook", "site.yml");

        var validate = await ConvergeProcess.RunAsync(["validate", playbook, "-i", inventory, "-e", "root=" + root]);
        var apply = await ConvergeProcess.RunAsync(["apply", playbook, "-i", inventory, "-e", "root=" + root, "--report", report]);

        Assert.True(validate.ExitCode == 0, validate.ToString());
        Assert.Contains("note: " + Path.Combine(Here, "playbook", "site.yml") + ":18:7: 1 task(s) in site.yml not validated: their condition (ansible_os_family == 'RedHat')", validate.Stdout);
        Assert.Contains("2 task(s) in setup-RedHat.yml not validated: their condition (ansible_facts['os_family'] == 'RedHat')", validate.Stdout);
        Assert.Contains("1 task(s) in site.yml not validated: their condition (adminer_theme is defined)", validate.Stdout);
        Assert.Contains("2 task(s) in install-from-source.yml not validated: their condition (multi_install_from_source)", validate.Stdout);
        Assert.Contains("1 task(s) in setup-RedHat.yml not validated: their condition (include_tasks: 'setup-{{ ansible_os_family }}.yml' names 'setup-RedHat.yml')", validate.Stdout);
        Assert.Contains("reads 'setup-Debian.yml' on every host", validate.Stdout);
        Assert.True(apply.ExitCode == 0, apply.ToString());
        var recorded = await File.ReadAllTextAsync(Path.Combine(Here, "ansible-result.txt"));
        var json = JsonNode.Parse(await File.ReadAllTextAsync(report))!;
        Assert.Equal(AnsibleRecap.RecordedFiles(recorded), AnsibleRecap.Files(root));

        // Every task Ansible reports has the same outcome here. Converge reads an include_tasks whose file is known
        // at load with everything else, so the include itself is not a task of its own: the tasks it holds, which
        // Ansible never reached, must all be skipped.
        var ansible = recorded.Split('\n').Where(l => l.StartsWith("task ", StringComparison.Ordinal)).Select(l => l.Split(' ', 4))
            .Where(f => f[3] != "include_tasks")
            .ToDictionary(f => (Host: f[1], Task: f[3]), f => f[2] == "skipping" ? "skipped" : f[2]);
        var converge = json["tasks"]!.AsArray().Select(t => (Host: (string)t!["host"]!, Task: (string)t["task"]!, Status: (string)t["status"]!)).ToList();
        foreach (var (task, status) in ansible)
        {
            Assert.Contains(converge, t => (t.Host, t.Task) == task && t.Status == status);
        }

        // Ansible's callback does not list an include that ran (its recap counts it ok): here it is reported ok.
        Assert.All(converge.Where(t => !ansible.ContainsKey((t.Host, t.Task))), t =>
            Assert.Equal(t.Task == "include_tasks setup-{{ ansible_os_family }}.yml" ? "ok" : "skipped", t.Status));
        Assert.Equal(
            AnsibleRecap.Recorded(recorded).Select(l => string.Join(' ', l.Split(' ').Where(f => f.StartsWith("changed=", StringComparison.Ordinal) || f.StartsWith("failed=", StringComparison.Ordinal)))),
            AnsibleRecap.Of(json).Select(l => string.Join(' ', l.Split(' ').Where(f => f.StartsWith("changed=", StringComparison.Ordinal) || f.StartsWith("failed=", StringComparison.Ordinal)))));
    }
}
