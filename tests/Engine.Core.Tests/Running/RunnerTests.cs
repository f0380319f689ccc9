using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Modules;
using Converge.Core.Reporting;
using Converge.Core.Running;
using Converge.Core.Templates;
using Converge.Core.Tests.Support;

namespace Converge.Core.Tests.Running;

public sealed class RunnerTests
{
    private static readonly TemplateEngine Templates = new();

    private static ModuleRegistry Modules() => new ModuleRegistry().Register(new TestModule()).Register(new WritingCheckModule());

    private static async Task<RunReport> RunAsync(TempDirectory dir, string playbook, bool check, Func<string, IConnection>? connect = null)
    {
        var inventory = dir.Write("hosts.yml", $"all:\n  hosts:\n    h1: {{}}\n    h2: {{}}\n  vars:\n    ansible_connection: local\n    converge_state_dir: {dir.Path}/state\n");
        var path = dir.Write("site.yml", playbook);
        var run = new RunLoader(Modules(), [], Templates).Load(new RunRequest { Playbook = path, Inventories = [inventory] });
        var options = new RunOptions { Check = check, Connect = settings => connect?.Invoke(settings.Host) ?? new LocalConnection(settings.Host) };
        return await new Runner(Modules(), Templates).RunAsync(run, options, new RecordingObserver(), default);
    }

    [Fact]
    public async Task A_module_that_writes_during_check_fails_loudly_in_check_mode_and_the_file_is_untouched()
    {
        using var dir = new TempDirectory();
        var target = dir.Write("target", "original\n");

        var report = await RunAsync(dir, $"- hosts: h1\n  tasks:\n    - sneaky: {target}\n", check: true);

        var outcome = Assert.Single(report.Tasks);
        Assert.Equal(OutcomeStatus.Failed, outcome.Status);
        Assert.Contains("tried to change the host in check mode", outcome.Message);
        Assert.Equal("original\n", File.ReadAllText(target));
        Assert.Equal(ExitCodes.Failed, report.ExitCode(detailed: true));
    }

    [Fact]
    public async Task Drift_is_applied_only_in_apply_mode_and_exit_codes_follow()
    {
        using var dir = new TempDirectory();
        const string playbook = "- hosts: all\n  tasks:\n    - probe: {path: /x, drift: true}\n    - probe: /y\n";

        var check = await RunAsync(dir, playbook, check: true);
        var apply = await RunAsync(dir, playbook, check: false);

        Assert.Equal(2, check.Tasks.Count(t => t.Status == OutcomeStatus.Changed));
        Assert.Equal(2, check.Tasks.Count(t => t.Status == OutcomeStatus.Ok));
        Assert.Equal(["old → new"], check.Tasks.Where(t => t.Host == "h1" && t.Status == OutcomeStatus.Changed).SelectMany(t => t.Changes).Select(c => $"{c.Before} → {c.After}"));
        Assert.Equal(2, check.ExitCode(detailed: true));
        Assert.Equal(0, check.ExitCode(detailed: false));
        Assert.Contains(apply.Tasks, t => t.Status == OutcomeStatus.Changed && t.Message == "applied");
        Assert.Contains(apply.Tasks, t => t.Status == OutcomeStatus.Ok && t.Message == "/y is fine");
        Assert.Equal([("h1", 1, 1), ("h2", 1, 1)], apply.Hosts.Select(h => (h.Host, h.Ok, h.Changed)));
    }

    [Fact]
    public async Task An_unreachable_host_is_its_own_outcome_and_the_others_carry_on()
    {
        using var dir = new TempDirectory();

        var report = await RunAsync(dir, "- hosts: all\n  tasks:\n    - probe: /a\n    - probe: /b\n", check: false,
            connect: host => host == "h2" ? throw new HostUnreachableException(host, "connection refused") : new LocalConnection(host));

        Assert.True(report.Hosts.Single(h => h.Host == "h2").Unreachable);
        Assert.Equal(2, report.Hosts.Single(h => h.Host == "h1").Ok);
        var unreachable = Assert.Single(report.Tasks, t => t.Host == "h2");
        Assert.Equal(OutcomeStatus.Unreachable, unreachable.Status);
        Assert.Equal("connection refused", unreachable.Message);
        Assert.Equal(ExitCodes.Unreachable, report.ExitCode(detailed: false));
    }

    [Fact]
    public async Task Forks_bound_hosts_but_a_host_waiting_on_another_gives_its_slot_back()
    {
        using var dir = new TempDirectory();
        var inventory = dir.Write("hosts.yml", $"all:\n  vars:\n    ansible_connection: local\n    converge_state_dir: {dir.Path}/state\n  children:\n    mesh:\n      hosts:\n        m1: {{}}\n        m2: {{}}\n    builder:\n      hosts:\n        b1: {{}}\n");
        var path = dir.Write("site.yml", "- hosts: builder\n  tasks:\n    - name: build\n      probe: /b\n- hosts: mesh\n  tasks:\n    - name: install\n      probe: /i\n      requires: build\n");
        var run = new RunLoader(Modules(), [], Templates).Load(new RunRequest { Playbook = path, Inventories = [inventory] });
        var observer = new RecordingObserver();

        var report = await new Runner(Modules(), Templates).RunAsync(run, new RunOptions { Forks = 1, Connect = s => new LocalConnection(s.Host) }, observer, default)
            .WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(3, report.Tasks.Count);
        Assert.Equal("b1:build", observer.Started.First());
        Assert.All(report.Tasks, t => Assert.Equal(OutcomeStatus.Ok, t.Status));
    }
}
