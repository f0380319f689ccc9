using System.Diagnostics;
using Converge.Modules.Pause;
using Converge.Modules.Tests.Common;

namespace Converge.Modules.Tests.Pause;

/// <summary><c>pause</c>: waits the given time in check mode too, and never blocks on a prompt without a terminal.</summary>
public sealed class PauseModuleTests : IDisposable
{
    private readonly ModuleTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Seconds_wait_and_are_never_a_change()
    {
        var clock = Stopwatch.StartNew();

        var plan = await _host.CheckAsync(new PauseModule(), new PauseParams { Seconds = 1 });

        // The runtime's timers count whole milliseconds (seen in CI: a 1 s pause measured a hair under 1 s by Stopwatch).
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1) - TimeSpan.FromMilliseconds(20), $"paused {clock.Elapsed}");
        Assert.False(plan.IsDrift);
        Assert.Equal("paused for 1 s", plan.Reason);
    }

    [Fact]
    public async Task A_prompt_without_a_terminal_goes_on_at_once()
    {
        Assert.True(Console.IsInputRedirected || Console.IsOutputRedirected, "test runs have no terminal");

        var plan = await _host.CheckAsync(new PauseModule(), new PauseParams { Prompt = "Check the dashboard, then press Enter" });

        Assert.Equal("not waiting at the prompt: the run has no terminal", plan.Reason);
        Assert.Equal(string.Empty, plan.Output["user_input"]);
    }

    [Fact]
    public void Seconds_and_minutes_together_are_refused()
    {
        Assert.Contains("pause: give seconds or minutes, not both (they are mutually exclusive)", ValidationProbe.Problems(new PauseModule(), "{ seconds: 1, minutes: 1 }"));
    }
}
