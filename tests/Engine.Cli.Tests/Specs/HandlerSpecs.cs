using Converge.Cli.Tests.Support;
using Converge.TestKit;

namespace Converge.Cli.Tests.Specs;

public sealed class HandlerSpecs
{
    private const string Playbook = """
        - hosts: localhost
          tasks:
            - name: config
              file:
                path: "{{ example_root }}/config"
                content: "v1\n"
              notify: restart
            - name: slow step
              command:
                cmd: sleep 60
                creates: "{{ example_root }}/fast"
          handlers:
            - name: restart
              shell: echo restarted >> "{{ example_root }}/restarts"
        """;

    [Fact]
    public async Task A_handler_left_pending_by_a_run_that_died_fires_on_the_next_run()
    {
        using var workspace = new Workspace();
        var playbook = workspace.Write("site.yml", Playbook);
        var state = workspace.PathOf("state");
        string[] arguments = ["apply", playbook, "-i", Workspace.LocalInventory, "-e", $"example_root={workspace.Root}", "-e", $"converge_state_dir={state}"];

        using (var first = ConvergeProcess.Start(arguments, workspace.PathOf("first.log")))
        {
            // Wait until the change is applied and the run sits in the slow step, then kill it before the handler.
            var deadline = DateTime.UtcNow.AddSeconds(60);
            // (The pending folder itself exists from the run's first batch on: the run lock makes it.)
            while (!(File.Exists(workspace.PathOf("config")) && Directory.Exists(Path.Combine(state, "pending")) && Directory.GetFiles(Path.Combine(state, "pending")).Length > 0) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }

            await Task.Delay(300);
            Assert.False(first.HasExited, File.ReadAllText(workspace.PathOf("first.log")));
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
        }

        Assert.Equal("v1\n", File.ReadAllText(workspace.PathOf("config")));
        Assert.False(File.Exists(workspace.PathOf("restarts")));
        Assert.Single(Directory.GetFiles(Path.Combine(state, "pending")));

        workspace.Write("fast", string.Empty);
        var second = await ConvergeProcess.RunAsync([.. arguments, "--detailed-exitcode"]);

        Assert.True(second.ExitCode == 2, second.ToString());
        Assert.Contains("ok: [localhost] config", second.Stdout);
        Assert.Contains("changed: [localhost] handler restart — pending from an earlier run:", second.Stdout);
        Assert.Equal(["restarted"], File.ReadAllLines(workspace.PathOf("restarts")));
        Assert.Empty(Directory.GetFiles(Path.Combine(state, "pending")));

        var third = await ConvergeProcess.RunAsync([.. arguments, "--detailed-exitcode"]);

        Assert.True(third.ExitCode == 0, third.ToString());
        Assert.Single(File.ReadAllLines(workspace.PathOf("restarts")));
    }

    [Fact]
    public async Task Check_mode_reports_a_pending_handler_without_firing_or_clearing_it()
    {
        using var workspace = new Workspace();
        var playbook = workspace.Write("site.yml", Playbook);
        var state = workspace.PathOf("state");
        workspace.Write("fast", string.Empty);
        string[] arguments = ["-i", Workspace.LocalInventory, "-e", $"example_root={workspace.Root}", "-e", $"converge_state_dir={state}"];

        var check = await ConvergeProcess.RunAsync(["check", playbook, .. arguments]);

        Assert.True(check.ExitCode == 2, check.ToString());
        Assert.Contains("changed: [localhost] config", check.Stdout);
        Assert.Contains("changed: [localhost] handler restart — will run", check.Stdout);
        Assert.False(File.Exists(workspace.PathOf("config")));
        Assert.False(Directory.Exists(state));
    }

    /// <summary>
    /// A handler that is an include_tasks (geerlingguy.jenkins' "restart jenkins") is notified by its name and runs the
    /// file's tasks, each under its own when. ansible-playbook 2.14 on the same files: "RUNNING HANDLER [restart app]",
    /// "included: restart.yml", "restart by service" skipping, "restart by cli" changed; the log holds "cli".
    /// </summary>
    [Fact]
    public async Task A_handler_that_includes_a_file_is_notified_by_its_name_and_runs_the_file_s_tasks()
    {
        using var workspace = new Workspace();
        workspace.Write("restart.yml", """
            - name: restart by service
              shell: echo service >> {{ example_root }}/log
              when: how == 'service'
            - name: restart by cli
              shell: echo cli >> {{ example_root }}/log
              when: how == 'cli'
            """);
        var playbook = workspace.Write("site.yml", """
            - hosts: localhost
              gather_facts: false
              vars: { how: cli }
              tasks:
                - copy: { dest: "{{ example_root }}/config", content: "v1\n" }
                  notify: restart app
              handlers:
                - name: restart app
                  include_tasks: restart.yml
            """);

        var outcome = await ConvergeProcess.RunAsync(["apply", playbook, "-i", Workspace.LocalInventory, "-e", $"example_root={workspace.Root}", "-e", $"converge_state_dir={workspace.PathOf("state")}"]);

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Equal(["cli"], File.ReadAllLines(workspace.PathOf("log")));
    }

    /// <summary>
    /// Two tasks notify one handler: the first changes, the second declares its change none (<c>changed_when</c>),
    /// and the run fails before the handler. The handler is still recorded by the first task's change, so the next
    /// run fires it; the second task took back only what it recorded (nothing: the record was there already).
    /// </summary>
    [Fact]
    public async Task A_notification_taken_back_by_changed_when_keeps_an_earlier_task_s_pending_record()
    {
        using var workspace = new Workspace();
        var playbook = workspace.Write("site.yml", """
            - hosts: localhost
              gather_facts: false
              tasks:
                - copy: { dest: "{{ example_root }}/config", content: "v1\n" }
                  notify: restart
                - command: touch {{ example_root }}/touched
                  changed_when: false
                  notify: restart
                - fail: { msg: the run dies before its handlers }
                  when: die | bool
              handlers:
                - name: restart
                  shell: echo restarted >> "{{ example_root }}/restarts"
            """);
        var state = workspace.PathOf("state");
        string[] arguments = ["apply", playbook, "-i", Workspace.LocalInventory, "-e", $"example_root={workspace.Root}", "-e", $"converge_state_dir={state}"];

        var dies = await ConvergeProcess.RunAsync([.. arguments, "-e", "die=true"]);

        Assert.True(dies.ExitCode == 4, dies.ToString());
        Assert.False(File.Exists(workspace.PathOf("restarts")));
        Assert.Equal(["restart"], Directory.GetFiles(Path.Combine(state, "pending")).Select(File.ReadAllText).Select(t => t.TrimEnd('\n')));

        var next = await ConvergeProcess.RunAsync([.. arguments, "-e", "die=false"]);

        Assert.True(next.ExitCode == 0, next.ToString());
        Assert.Contains("handler restart — pending from an earlier run", next.Stdout);
        Assert.Equal(["restarted"], File.ReadAllLines(workspace.PathOf("restarts")));
        Assert.Empty(Directory.GetFiles(Path.Combine(state, "pending")));
    }
}
