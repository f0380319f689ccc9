using Converge.Core.Connections;
using Converge.Core.Facts;
using Converge.Core.Modules;
using Converge.Core.Reporting;
using Converge.Core.Running;
using Converge.Core.Templates;
using Converge.Core.Tests.Support;
using Converge.TestKit;

namespace Converge.Core.Tests.Running;

/// <summary>The runner reads the facts a play's checks declare in one batch, and never serves a fact older than the host's last change.</summary>
public sealed class FactPrefetchTests
{
    private static readonly TemplateEngine Templates = new();

    private static ModuleRegistry Modules() => new ModuleRegistry().Register(new ContentModule()).Register(new TestModule()).Register(new WatchModule());

    private static LoadedRun Load(TempDirectory dir, string playbook, string hosts = "h1: {}")
    {
        var inventory = dir.Write("hosts.yml", $"all:\n  hosts:\n    {hosts.Replace(", ", "\n    ", StringComparison.Ordinal)}\n  vars:\n    ansible_connection: local\n    converge_state_dir: {dir.Path}/state\n");
        var path = dir.Write("site.yml", playbook);
        return new RunLoader(Modules(), [], Templates).Load(new RunRequest { Playbook = path, Inventories = [inventory] });
    }

    private static async Task<(RunReport Report, CountingConnection Connection)> RunAsync(LoadedRun run, bool check = false)
    {
        CountingConnection? connection = null;
        var options = new RunOptions { Check = check, Connect = settings => connection = new CountingConnection(new LocalConnection(settings.Host)) };
        var report = await new Runner(Modules(), Templates).RunAsync(run, options, new RecordingObserver(), default);
        return (report, connection!);
    }

    [Fact]
    public async Task A_no_op_rerun_reads_every_fact_of_the_play_in_one_batch()
    {
        using var dir = new TempDirectory();
        var run = Load(dir, $$$"""
            - hosts: all
              tasks:
                - { name: a, content: { path: {{{dir.Path}}}/a, content: "A" } }
                - { name: b, content: { path: {{{dir.Path}}}/b, content: "B" } }
                - { name: c, content: { path: {{{dir.Path}}}/c, content: "C" } }
            """);
        await RunAsync(run);

        var (rerun, connection) = await RunAsync(run);
        var (check, checkConnection) = await RunAsync(run, check: true);

        Assert.All(rerun.Tasks, t => Assert.Equal(OutcomeStatus.Ok, t.Status));
        // The three file facts and the host's run lock, in one batch; then only the local lock's release at the
        // end (over SSH closing the connection releases it: BatchedChecksOverSshSpecs counts one session). A check
        // writes no lock record, so it has none to release.
        Assert.Equal((1, 1), (connection.Batches, connection.Probes));
        Assert.Equal([4], connection.BatchSizes);
        Assert.Equal((1, 0), (checkConnection.Batches, checkConnection.Probes));
    }

    [Fact]
    public async Task A_change_by_an_earlier_task_is_seen_by_a_later_task_even_when_the_module_invalidates_nothing()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("f", "two");
        var run = Load(dir, $$$"""
            - hosts: all
              tasks:
                - { name: first, content: { path: {{{file}}}, content: "one" } }
                - { name: second, content: { path: {{{file}}}, content: "two" } }
            """);

        var (report, connection) = await RunAsync(run);

        // Both read the file; without the central invalidation the second would see the prefetched "two" and do nothing.
        Assert.Equal([OutcomeStatus.Changed, OutcomeStatus.Changed], report.Tasks.Select(t => t.Status));
        Assert.Equal("two", await File.ReadAllTextAsync(file));
        Assert.Equal(2, connection.Batches);
    }

    [Fact]
    public async Task Facts_read_before_waiting_for_another_host_are_read_again_after_the_wait()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("shared", "one");
        var run = Load(
            dir,
            $$$"""
            - hosts: h2
              tasks:
                - { name: reads it, content: { path: {{{file}}}, content: "one" } }
            - hosts: h1
              tasks:
                - { name: other host writes it, content: { path: {{{file}}}, content: "two" }, requires: reads it }
            - hosts: h2
              tasks:
                - { name: wants it back, content: { path: {{{file}}}, content: "one" }, requires: other host writes it }
            """,
            hosts: "h1: {}, h2: {}");

        var (report, _) = await RunAsync(run);

        // The two hosts share the file (local connections): h2's fact from before the wait is stale after it.
        Assert.Equal(OutcomeStatus.Changed, report.Tasks.Single(t => t.Task == "wants it back").Status);
        Assert.Equal("one", await File.ReadAllTextAsync(file));
    }

    [Fact]
    public async Task Each_retry_of_a_task_with_until_reads_the_host_afresh()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("status", "starting");
        var run = Load(dir, $$$"""
            - hosts: all
              tasks:
                - name: wait until ready
                  watch: { path: {{{file}}}, content: ready }
                  register: status
                  until: status.text == "ready"
                  retries: 2
                  delay: 0
            """);

        var (report, _) = await RunAsync(run);

        var outcome = Assert.Single(report.Tasks);
        Assert.True(outcome.Status == OutcomeStatus.Ok, outcome.Message);
    }

    [Fact]
    public void The_plan_covers_the_play_from_the_current_task_and_leaves_out_what_cannot_be_known_yet()
    {
        using var dir = new TempDirectory();
        var run = Load(dir, $$$"""
            - hosts: all
              vars: { base: {{{dir.Path}}} }
              tasks:
                - { name: first, content: { path: "{{ base }}/first", content: x } }
                - { name: looped, content: { path: "{{ base }}/{{ item }}", content: x }, loop: [l1, l2] }
                - { name: registers, probe: /r, register: result }
                - { name: uses a result, content: { path: "{{ result.msg }}", content: x } }
                - { name: skipped, content: { path: "{{ base }}/skipped", content: x }, when: false }
                - { name: as root, content: { path: "{{ base }}/become", content: x }, become: true }
                - { name: last, content: { path: "{{ base }}/last", content: x }, notify: handler }
              handlers:
                - { name: handler, content: { path: "{{ base }}/handler", content: x } }
            - hosts: all
              tasks:
                - { name: next play, content: { path: {{{dir.Path}}}/next, content: x } }
            """);
        var state = new RunState(run, new RunOptions { Connect = s => new LocalConnection(s.Host) }, new RecordingObserver(), Modules(), Templates);
        var nodes = run.Graph.NodesOf("h1");
        var planner = new FactPlanner(state);

        var fromStart = planner.Plan(nodes, 0, n => n.Task.Become != true);
        var fromLooped = planner.Plan(nodes, 1, n => n.Task.Become != true);
        var fromHandler = planner.Plan(nodes, nodes.ToList().FindIndex(n => n.Task.IsHandler), _ => true);

        Assert.Equal(["first", "l1", "l2", "last"], fromStart.Select(Name));
        Assert.Equal(["l1", "l2", "last"], fromLooped.Select(Name));
        Assert.Equal(["handler"], fromHandler.Select(Name));

        static string Name(IFact fact) => Path.GetFileName(fact.Command.Arguments[^1]);
    }

    [Fact]
    public async Task A_prefetched_result_is_parsed_by_the_task_that_reads_it_so_a_bad_one_fails_only_that_task()
    {
        await using var connection = new LocalConnection("h1");
        var facts = new FactCache(connection);
        var good = new FileTextFact("/etc/hostname");
        var bad = new FailingFact();

        var probes = await facts.PrefetchAsync([good, bad, good], default);

        Assert.Equal(2, probes);
        Assert.True(facts.Has(good) && facts.Has(bad));
        Assert.NotNull(await facts.GetAsync(good, default));
        await Assert.ThrowsAsync<InvalidOperationException>(() => facts.GetAsync(bad, default));
    }

    [Fact]
    public async Task Every_mutating_call_drops_the_cached_facts_and_reads_do_not()
    {
        using var dir = new TempDirectory();
        await using var local = new LocalConnection("h1");
        var facts = new FactCache(local);
        var connection = new FactInvalidatingConnection(local, facts);
        var fact = new FileTextFact(dir.Write("f", "x"));
        var calls = new Func<Task>[]
        {
            () => connection.RunAsync(CommandSpec.Change("true"), default),
            () => connection.WriteFileAsync(Path.Combine(dir.Path, "g"), "y"u8.ToArray(), FileWriteOptions.Default, default),
            () => connection.UploadAsync(Path.Combine(dir.Path, "f"), Path.Combine(dir.Path, "h"), FileWriteOptions.Default, default),
        };

        foreach (var call in calls)
        {
            await facts.PrefetchAsync([fact], default);
            await connection.RunAsync(CommandSpec.Probe("true"), default);
            await connection.StatAsync(dir.Path, null, default);
            Assert.True(facts.Has(fact));

            await call();

            Assert.False(facts.Has(fact));
        }
    }

    private sealed class FailingFact : Fact<int>
    {
        public override CommandSpec Command { get; } = CommandSpec.Probe("false");

        public override int Parse(CommandResult result) => throw new InvalidOperationException("cannot parse");
    }
}
