using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Modules;
using Converge.Core.Reporting;
using Converge.Core.Running;
using Converge.Core.Templates;
using Converge.Core.Tests.Support;

namespace Converge.Core.Tests.Running;

/// <summary>
/// Tasks no Debian-family host reaches (their condition, or that of a block, role or include around them, is false
/// before the run) have their diagnostics held back with a note, and fail with them, located, on a host that reaches
/// them after all; a condition that depends on what the run may still set is not decided.
/// </summary>
public sealed class ReachabilityTests
{
    private const string Refusal = "an RPM-family module; Converge manages Debian-family hosts";

    private static readonly TemplateEngine Templates = new();

    private static ModuleRegistry Modules() => new ModuleRegistry().Register(new TestModule()).Refuse("yum", Refusal);

    private static LoadedRun Load(TempDirectory dir, string playbook, IReadOnlyList<string>? extraVars = null)
    {
        var inventory = dir.Write("hosts.yml", $"all:\n  hosts:\n    h1: {{}}\n    h2: {{}}\n  vars:\n    ansible_connection: local\n    converge_state_dir: {dir.Path}/state\n");
        var path = dir.Write("site.yml", playbook);
        return new RunLoader(Modules(), [], Templates).Load(new RunRequest { Playbook = path, Inventories = [inventory], ExtraVars = extraVars ?? [] });
    }

    public static TheoryData<string, string> Guards => new()
    {
        { "task", "    - name: rpm\n      yum: {name: cronie}\n      when: ansible_os_family == 'RedHat'\n" },
        { "block", "    - block:\n        - name: rpm\n          yum: {name: cronie}\n      when: ansible_facts['os_family'] == 'RedHat'\n" },
        { "include", "    - include_tasks: setup-RedHat.yml\n      when: ansible_facts.os_family == \"RedHat\"\n" },
        { "import", "    - import_tasks: setup-RedHat.yml\n      when: ansible_os_family == 'RedHat'\n" },
        { "role", "    - include_role: {name: rpm}\n      when: ansible_os_family == 'RedHat'\n" },
    };

    [Theory]
    [MemberData(nameof(Guards))]
    public void A_refused_module_under_an_os_family_guard_loads_with_a_note(string where, string tasks)
    {
        using var dir = new TempDirectory();
        dir.Write("setup-RedHat.yml", "- name: rpm\n  yum: {name: cronie}\n");
        dir.Write("roles/rpm/tasks/main.yml", "- name: rpm\n  yum: {name: cronie}\n");

        var run = Load(dir, $"- hosts: all\n  tasks:\n{tasks}    - probe: /y\n");

        var note = Assert.Single(run.Unreached.Notes);
        Assert.Contains("1 task(s) in ", note.Message);
        Assert.Contains("is false on every host of the play before the run", note.Message);
        Assert.Contains("RedHat", note.Message);
        Assert.Equal("rpm", Assert.Single(run.Unreached.Tasks).Name);
        Assert.True(where.Length > 0);
    }

    [Fact]
    public void The_same_task_without_a_guard_is_still_an_error()
    {
        using var dir = new TempDirectory();

        var error = Assert.Throws<ConfigurationException>(() => Load(dir, "- hosts: all\n  tasks:\n    - name: rpm\n      yum: {name: cronie}\n      when: ansible_os_family == 'Debian'\n"));

        var diagnostic = Assert.Single(error.Diagnostics);
        Assert.Equal(4, diagnostic.Span.Line);
        Assert.Equal($"yum: {Refusal}", diagnostic.Message);
        Assert.Empty(error.Unreached.Tasks);
    }

    [Fact]
    public void An_is_defined_guard_on_a_variable_nothing_sets_is_decided()
    {
        using var dir = new TempDirectory();

        var run = Load(dir, "- hosts: all\n  tasks:\n    - name: themed\n      probe: \"{{ theme }}\"\n      when: theme is defined\n");

        Assert.Equal("themed", Assert.Single(run.Unreached.Tasks).Name);
        Assert.Contains("(theme is defined)", Assert.Single(run.Unreached.Notes).Message);
    }

    [Theory]
    [InlineData("    - set_fact: {theme: dark}\n")]
    [InlineData("    - probe: /x\n      register: theme\n")]
    [InlineData("    - set_fact: \"{{ 'the' + 'me' }}=dark\"\n")]
    public void An_is_defined_guard_on_a_variable_the_run_may_set_is_not_decided(string setter)
    {
        using var dir = new TempDirectory();

        var error = Assert.Throws<ConfigurationException>(() => Load(dir, $"- hosts: all\n  tasks:\n{setter}    - name: themed\n      yum: {{name: x}}\n      when: theme is defined\n"));

        Assert.Contains(error.Diagnostics, d => d.Message == $"yum: {Refusal}");
        Assert.Empty(error.Unreached.Tasks);
    }

    [Fact]
    public void A_role_default_that_is_false_prunes_and_an_extra_var_that_makes_it_true_does_not()
    {
        using var dir = new TempDirectory();
        dir.Write("roles/php/defaults/main.yml", "php_install_from_source: false\n");
        dir.Write("roles/php/tasks/main.yml", "- include_tasks: install-from-source.yml\n  when: php_install_from_source\n");
        dir.Write("roles/php/tasks/install-from-source.yml", "- name: deps\n  yum: {name: gcc}\n- name: clone\n  probe: \"{{ undefined_here }}\"\n");
        const string playbook = "- hosts: all\n  roles: [php]\n";

        var run = Load(dir, playbook);
        var error = Assert.Throws<ConfigurationException>(() => Load(dir, playbook, ["php_install_from_source=true"]));

        Assert.Equal(["clone", "deps"], run.Unreached.Tasks.Select(t => t.Name).Order());
        Assert.Contains("2 task(s) in install-from-source.yml not validated: their condition (php_install_from_source)", Assert.Single(run.Unreached.Notes).Message);
        Assert.Contains(error.Diagnostics, d => d.Message == $"yum: {Refusal}");
        Assert.Contains(error.Diagnostics, d => d.Message.Contains("undefined_here", StringComparison.Ordinal));
    }

    [Fact]
    public void A_fact_the_run_gathers_but_that_is_not_assumed_is_not_decided()
    {
        using var dir = new TempDirectory();

        var error = Assert.Throws<ConfigurationException>(() => Load(dir, "- hosts: all\n  tasks:\n    - name: rpm\n      yum: {name: x}\n      when: ansible_distribution == 'CentOS' or ansible_facts.distribution is defined\n"));

        Assert.Contains(error.Diagnostics, d => d.Message == $"yum: {Refusal}");
    }

    [Fact]
    public async Task A_host_that_reaches_a_held_back_task_fails_it_located_and_the_others_carry_on()
    {
        using var dir = new TempDirectory();
        var run = Load(dir, "- hosts: all\n  tasks:\n    - name: rpm\n      yum: {name: cronie}\n      when: ansible_os_family == 'RedHat'\n    - name: after\n      probe: /y\n");

        var report = await RunWithFedoraOnH1Async(run);

        var failed = Assert.Single(report.Tasks, t => t.Host == "h1" && t.Task == "rpm");
        Assert.Equal(OutcomeStatus.Failed, failed.Status);
        Assert.Contains($"{dir.Path}/site.yml:4:7: yum: {Refusal}", failed.Message);
        Assert.Equal(OutcomeStatus.Skipped, Assert.Single(report.Tasks, t => t.Host == "h2" && t.Task == "rpm").Status);
        Assert.Equal(OutcomeStatus.Ok, Assert.Single(report.Tasks, t => t.Host == "h2" && t.Task == "after").Status);
        Assert.DoesNotContain(report.Tasks, t => t.Host == "h1" && t.Task == "after");
    }

    private static TempDirectory FactNamedIncludes(string debianTask)
    {
        var dir = new TempDirectory();
        dir.Write("roles/web/tasks/main.yml", "- include_tasks: \"setup-{{ ansible_os_family }}.yml\"\n");
        dir.Write("roles/web/tasks/setup-Debian.yml", debianTask);
        dir.Write("roles/web/tasks/setup-RedHat.yml", "- name: rpm\n  yum: {name: httpd}\n");
        return dir;
    }

    [Fact]
    public void An_include_named_from_the_os_family_reads_the_debian_file_before_the_run_and_holds_back_the_others()
    {
        using var dir = FactNamedIncludes("- name: deb\n  probe: /x\n");

        var run = Load(dir, "- hosts: all\n  roles: [web]\n");

        Assert.Equal("setup-Debian.yml", Assert.Single(run.AssumedIncludes).Name);
        Assert.Empty(run.RuntimeIncludes);
        Assert.Equal("deb", run.IncludedBeforeRun.Select(t => t.Name).Distinct().Single());
        Assert.Equal("rpm", run.IncludedElsewhere.Select(t => t.Name).Distinct().Single());
        var note = Assert.Single(run.Unreached.Notes);
        Assert.Contains("1 task(s) in setup-RedHat.yml not validated: their condition (include_tasks: 'setup-{{ ansible_os_family }}.yml' names 'setup-RedHat.yml')", note.Message);
    }

    [Fact]
    public void A_mistake_in_the_file_an_os_family_include_names_is_reported_before_the_run_located()
    {
        using var dir = FactNamedIncludes("- name: deb\n  probe: {path: /x, pth: 1}\n");

        var error = Assert.Throws<ConfigurationException>(() => Load(dir, "- hosts: all\n  roles: [web]\n"));

        var diagnostic = Assert.Single(error.Diagnostics);
        Assert.Equal(Path.Combine(dir.Path, "roles/web/tasks/setup-Debian.yml"), diagnostic.Span.File);
        Assert.Equal(2, diagnostic.Span.Line);
        Assert.Contains("'pth'", diagnostic.Message);
    }

    [Fact]
    public void An_include_named_from_a_fact_that_is_not_assumed_is_read_when_a_host_reaches_it()
    {
        using var dir = new TempDirectory();
        dir.Write("Debian.yml", "- probe: {pth: /x}\n");

        var run = Load(dir, "- hosts: all\n  tasks:\n    - include_tasks: \"{{ ansible_distribution }}.yml\"\n");

        Assert.Equal("{{ ansible_distribution }}.yml", Assert.Single(run.RuntimeIncludes).Name);
        Assert.Empty(run.AssumedIncludes);
    }

    [Fact]
    public async Task A_host_whose_os_family_differs_reads_its_own_file_when_it_gets_there()
    {
        using var dir = FactNamedIncludes("- name: deb\n  probe: /x\n");
        var run = Load(dir, "- hosts: all\n  roles: [web]\n");

        var report = await RunWithFedoraOnH1Async(run);

        // h1 (Fedora) reads setup-RedHat.yml, validated when it gets there: the include fails, located in that file.
        var failed = Assert.Single(report.Tasks, t => t.Host == "h1" && t.Module == "include_tasks");
        Assert.Equal(OutcomeStatus.Failed, failed.Status);
        Assert.Contains($"setup-RedHat.yml:2:3: yum: {Refusal}", failed.Message);
        Assert.Equal(OutcomeStatus.Ok, Assert.Single(report.Tasks, t => t.Host == "h2" && t.Task == "deb").Status);
        Assert.DoesNotContain(report.Tasks, t => t.Host == "h2" && t.Task == "rpm");
        Assert.DoesNotContain(report.Tasks, t => t.Host == "h1" && t.Task == "deb");
    }

    /// <summary>Runs on this machine, h1's facts saying Fedora (a RedHat-family host, against what was assumed); h2's are this Debian machine's.</summary>
    private static Task<RunReport> RunWithFedoraOnH1Async(LoadedRun run) =>
        new Runner(Modules(), Templates).RunAsync(run, new RunOptions { Connect = s => s.Host == "h1" ? new FedoraFacts(new LocalConnection(s.Host)) : new LocalConnection(s.Host) }, new RecordingObserver(), default);

    /// <summary>A real local connection whose gathered <c>/etc/os-release</c> reads as Fedora's.</summary>
    private sealed class FedoraFacts(IConnection inner) : ConnectionDecorator(inner)
    {
        public override async Task<IReadOnlyList<CommandResult>> RunProbesAsync(IReadOnlyList<CommandSpec> probes, CancellationToken ct) =>
            [.. (await Inner.RunProbesAsync(probes, ct)).Select(r => r with { Stdout = Fedora(r.Stdout) })];

        public override async Task<CommandResult> RunAsync(CommandSpec command, CancellationToken ct)
        {
            var result = await Inner.RunAsync(command, ct);
            return result with { Stdout = Fedora(result.Stdout) };
        }

        private static string Fedora(string stdout) =>
            System.Text.RegularExpressions.Regex.Replace(stdout, "(?m)^ID=.*$", "ID=fedora");
    }
}
