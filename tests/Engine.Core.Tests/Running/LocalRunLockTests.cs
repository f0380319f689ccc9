using System.Collections.Concurrent;
using Converge.Core.Modules;
using Converge.Core.Reporting;
using Converge.Core.Running;
using Converge.Core.Templates;
using Converge.Core.Tests.Support;

namespace Converge.Core.Tests.Running;

/// <summary>
/// A local run's lock record names the controller, which outlives the run in a long-lived process; the run itself
/// removes its record when its last local session ends, so the next run of the same process is not refused.
/// </summary>
public sealed class LocalRunLockTests
{
    [Fact]
    public async Task A_local_run_releases_its_lock_when_it_ends_and_the_next_run_takes_it()
    {
        using var dir = new TempDirectory();
        var inventory = dir.Write("hosts.yml", $"all:\n  hosts:\n    h1: {{}}\n    h2: {{}}\n  vars:\n    ansible_connection: local\n    converge_state_dir: {dir.Path}/state\n");
        var modules = new ModuleRegistry().Register(new ContentModule());
        var templates = new TemplateEngine();
        var run = new RunLoader(modules, [], templates).Load(new RunRequest
        {
            Playbook = dir.Write("site.yml", $"- hosts: all\n  tasks:\n    - content: {{ path: \"{dir.Path}/{{{{ inventory_hostname }}}}\", content: x }}\n"),
            Inventories = [inventory],
        });

        var first = await RunOnceAsync(run, modules, templates, "firstrun0001");
        var left = Directory.GetFiles(Path.Combine(dir.Path, "state"), "lock.*");
        var second = await RunOnceAsync(run, modules, templates, "secondrun001");

        Assert.All(first.Tasks, t => Assert.Equal(OutcomeStatus.Changed, t.Status));
        Assert.Empty(left);
        Assert.All(second.Tasks, t => Assert.Equal(OutcomeStatus.Ok, t.Status));
        Assert.Equal(2, second.Tasks.Count);
    }

    [Fact]
    public async Task A_local_check_reads_the_lock_but_has_no_record_to_release()
    {
        using var dir = new TempDirectory();
        var inventory = dir.Write("hosts.yml", $"all:\n  hosts:\n    h1: {{}}\n  vars:\n    ansible_connection: local\n    converge_state_dir: {dir.Path}/state\n");
        var modules = new ModuleRegistry().Register(new ContentModule());
        var templates = new TemplateEngine();
        var run = new RunLoader(modules, [], templates).Load(new RunRequest
        {
            Playbook = dir.Write("site.yml", $"- hosts: all\n  tasks:\n    - content: {{ path: \"{dir.Path}/out\", content: x }}\n"),
            Inventories = [inventory],
        });
        var checkCommands = new ConcurrentQueue<string>();
        var applyCommands = new ConcurrentQueue<string>();

        var check = await new Runner(modules, templates).RunAsync(run, new RunOptions { RunId = "checkrun0001", Check = true, Connect = s => new RecordingConnection(s.Host, checkCommands) }, new RecordingObserver(), default);
        var checkWrote = File.Exists(Path.Combine(dir.Path, "out"));
        var apply = await new Runner(modules, templates).RunAsync(run, new RunOptions { RunId = "applyrun0001", Connect = s => new RecordingConnection(s.Host, applyCommands) }, new RecordingObserver(), default);

        Assert.Equal(OutcomeStatus.Changed, Assert.Single(check.Tasks).Status);
        Assert.False(checkWrote);
        Assert.Contains(checkCommands, c => c.Contains(" converge-lock ", StringComparison.Ordinal));
        Assert.DoesNotContain(checkCommands, c => c.Contains("converge-lock-release", StringComparison.Ordinal));
        Assert.Contains(applyCommands, c => c.Contains("converge-lock-release", StringComparison.Ordinal));
        Assert.Equal(OutcomeStatus.Changed, Assert.Single(apply.Tasks).Status);
    }

    private static Task<RunReport> RunOnceAsync(LoadedRun run, ModuleRegistry modules, TemplateEngine templates, string runId) =>
        new Runner(modules, templates).RunAsync(run, new RunOptions { RunId = runId, Connect = s => new Converge.Core.Connections.LocalConnection(s.Host) }, new RecordingObserver(), default);
}
