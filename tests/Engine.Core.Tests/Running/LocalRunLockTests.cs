using System.Collections.Concurrent;
using Converge.Core.Connections;
using Converge.Core.Modules;
using Converge.Core.Reporting;
using Converge.Core.Running;
using Converge.Core.Templates;
using Converge.Core.Tests.Support;
using Converge.TestKit;

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
        var run = Load(dir, "    h1: {}\n    h2: {}\n", $"{dir.Path}/{{{{ inventory_hostname }}}}");
        var connections = new ConcurrentQueue<CountingConnection>();

        var first = await run(Options("firstrun0001", connections));
        var left = Directory.GetFiles(Path.Combine(dir.Path, "state"), "lock.*");
        var second = await run(Options("secondrun001", connections));

        Assert.All(first.Tasks, t => Assert.Equal(OutcomeStatus.Changed, t.Status));
        Assert.Empty(left);
        Assert.All(second.Tasks, t => Assert.Equal(OutcomeStatus.Ok, t.Status));
        Assert.Equal(2, second.Tasks.Count);
    }

    [Fact]
    public async Task A_local_check_reads_the_lock_but_has_no_record_to_release()
    {
        using var dir = new TempDirectory();
        var run = Load(dir, "    h1: {}\n", $"{dir.Path}/out");
        var checkConnections = new ConcurrentQueue<CountingConnection>();
        var applyConnections = new ConcurrentQueue<CountingConnection>();

        var check = await run(Options("checkrun0001", checkConnections) with { Check = true });
        var checkWrote = File.Exists(Path.Combine(dir.Path, "out"));
        var apply = await run(Options("applyrun0001", applyConnections));

        var checkCommands = checkConnections.SelectMany(c => c.Arguments).ToList();
        var applyCommands = applyConnections.SelectMany(c => c.Arguments).ToList();
        Assert.Equal(OutcomeStatus.Changed, Assert.Single(check.Tasks).Status);
        Assert.False(checkWrote);
        Assert.Contains(checkCommands, c => c.Contains(" converge-lock ", StringComparison.Ordinal));
        Assert.DoesNotContain(checkCommands, c => c.Contains("converge-lock-release", StringComparison.Ordinal));
        Assert.Contains(applyCommands, c => c.Contains("converge-lock-release", StringComparison.Ordinal));
        Assert.Equal(OutcomeStatus.Changed, Assert.Single(apply.Tasks).Status);
    }

    /// <summary>A play writing <c>x</c> to <paramref name="path"/> on local <paramref name="hosts"/> (inventory lines), ready to run.</summary>
    private static Func<RunOptions, Task<RunReport>> Load(TempDirectory dir, string hosts, string path)
    {
        var inventory = dir.Write("hosts.yml", $"all:\n  hosts:\n{hosts}  vars:\n    ansible_connection: local\n    converge_state_dir: {dir.Path}/state\n");
        var modules = new ModuleRegistry().Register(new ContentModule());
        var templates = new TemplateEngine();
        var run = new RunLoader(modules, [], templates).Load(new RunRequest
        {
            Playbook = dir.Write("site.yml", $"- hosts: all\n  tasks:\n    - content: {{ path: \"{path}\", content: x }}\n"),
            Inventories = [inventory],
        });
        return options => new Runner(modules, templates).RunAsync(run, options, new RecordingObserver(), default);
    }

    /// <summary>Options of a run whose local connections are counted into <paramref name="connections"/>.</summary>
    private static RunOptions Options(string runId, ConcurrentQueue<CountingConnection> connections) =>
        new()
        {
            RunId = runId,
            Connect = s =>
            {
                var connection = new CountingConnection(new LocalConnection(s.Host));
                connections.Enqueue(connection);
                return connection;
            },
        };
}
