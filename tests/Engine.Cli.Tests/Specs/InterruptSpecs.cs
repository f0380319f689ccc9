using System.Diagnostics;
using System.Text.Json;
using CliWrap;
using Converge.Cli.Tests.Support;
using Converge.TestKit;

namespace Converge.Cli.Tests.Specs;

/// <summary>Real signals (kill(1)) to a real <c>converge apply</c> process while a task runs.</summary>
public sealed class InterruptSpecs
{
    private const string Playbook = """
        - hosts: localhost
          tasks:
            - name: slow
              shell: touch "{{ example_root }}/started"; sleep {{ slow_seconds }} & echo $! > "{{ example_root }}/sleeper"; wait $! && touch "{{ example_root }}/finished"
            - name: next
              file:
                path: "{{ example_root }}/next"
                state: touch
        """;

    [Fact]
    public async Task On_sigint_the_running_task_finishes_no_new_task_starts_and_the_run_reports_and_exits_130()
    {
        using var workspace = new Workspace();
        var (process, output) = Start(workspace);

        await WaitForAsync(workspace.PathOf("started"));
        await Signal("INT", process);
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

        var stdout = await File.ReadAllTextAsync(output);
        Assert.True(process.ExitCode == 130, $"exit {process.ExitCode}\n{stdout}");
        Assert.True(File.Exists(workspace.PathOf("finished")), "the running task was cut short");
        Assert.False(File.Exists(workspace.PathOf("next")), "a task started after the interrupt");
        Assert.Contains("interrupted", stdout);
        Assert.Contains("RECAP", stdout);
        var report = JsonDocument.Parse(await File.ReadAllTextAsync(workspace.PathOf("report.json"))).RootElement;
        Assert.True(report.GetProperty("interrupted").GetBoolean());
        Assert.Equal("changed", Assert.Single(report.GetProperty("tasks").EnumerateArray()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_second_sigterm_aborts_at_once_with_143()
    {
        using var workspace = new Workspace();

        // The task sleeps 20 s, so an abort that waited for it could not pass for one at once, even on a loaded machine.
        var (process, output) = Start(workspace, seconds: 20);

        await WaitForAsync(workspace.PathOf("started"));
        var clock = Stopwatch.StartNew();
        await Signal("TERM", process);
        await Task.Delay(300);
        await Signal("TERM", process);
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

        var stdout = await File.ReadAllTextAsync(output);
        Assert.True(process.ExitCode == 143, $"exit {process.ExitCode}\n{stdout}");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed} to abort");
        Assert.Contains("aborted", stdout);

        // kill(1) reached Converge alone (README § Interrupts), so the task's command outlives it: end it.
        await WaitForAsync(workspace.PathOf("sleeper"));
        try
        {
            using var sleeper = Process.GetProcessById(int.Parse(await File.ReadAllTextAsync(workspace.PathOf("sleeper")), System.Globalization.CultureInfo.InvariantCulture));
            sleeper.Kill();
        }
        catch (ArgumentException)
        {
            // Already ended (its 20 s are up).
        }
    }

    /// <summary>Starts the run; its first task sleeps <paramref name="seconds"/>.</summary>
    private static (Process Process, string Output) Start(Workspace workspace, int seconds = 3)
    {
        var playbook = workspace.Write("slow.yml", Playbook);
        var output = workspace.PathOf("output.txt");
        var process = ConvergeProcess.Start(
            ["apply", playbook, "-i", Workspace.LocalInventory, "-e", $"example_root={workspace.Root}", "-e", $"slow_seconds={seconds}", "-e", $"converge_state_dir={workspace.StateDirectory}", "--report", workspace.PathOf("report.json")],
            output);
        return (process, output);
    }

    private static Task Signal(string signal, Process process) =>
        CliWrap.Cli.Wrap("kill").WithArguments(["-" + signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]).ExecuteAsync();

    private static async Task WaitForAsync(string path)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!File.Exists(path))
        {
            Assert.True(DateTime.UtcNow < deadline, $"{path} never appeared");
            await Task.Delay(20);
        }
    }
}
