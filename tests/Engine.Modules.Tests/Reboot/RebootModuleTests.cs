using Converge.Core.Diagnostics;
using Converge.Modules.Reboot;
using Converge.Modules.Tests.Common;

namespace Converge.Modules.Tests.Reboot;

/// <summary><c>reboot</c> on the local host, with a reboot command that stands in for the kernel by rewriting a boot id file.</summary>
public sealed class RebootModuleTests : IDisposable
{
    private readonly ModuleTestHost _host = new();
    private readonly RebootModule _module = new();

    public RebootModuleTests()
    {
        File.WriteAllText(BootId, "boot-1\n");
    }

    private string BootId => _host.PathOf("boot_id");

    private string Requests => _host.PathOf("requests");

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Check_says_would_reboot_and_nothing_happens()
    {
        var parameters = new RebootParams { Msg = "", RebootCommand = $"echo requested >> {Requests}", BootIdPath = BootId };
        var before = _host.Snapshot();

        var plan = await _host.CheckAsync(_module, parameters);
        await Task.Delay(1500);

        Assert.Equal("would reboot", plan.Reason);
        Assert.Equal(new Core.Modules.Change("host", "running", "rebooted"), Assert.Single(plan.Changes));
        Assert.Equal(before, _host.Snapshot());
    }

    [Fact]
    public async Task A_new_boot_id_ends_the_wait_and_runs_the_test_command()
    {
        var parameters = new RebootParams
        {
            Msg = "",
            RebootCommand = $"echo requested >> {Requests}; echo boot-2 > {BootId}",
            BootIdPath = BootId,
            TestCommand = $"test -s {Requests}",
            RebootTimeout = 30,
        };

        var (_, result) = await _host.ConvergeAsync(_module, parameters);

        Assert.Equal("requested\n", File.ReadAllText(Requests));
        Assert.Equal("boot-1", result!.Output["boot_id_before"]);
        Assert.Equal("boot-2", result.Output["boot_id_after"]);
        Assert.Equal(true, result.Output["rebooted"]);
    }

    [Fact]
    public async Task A_boot_id_that_never_changes_fails_clearly_at_the_timeout()
    {
        var parameters = new RebootParams { Msg = "", RebootCommand = "true", BootIdPath = BootId, RebootTimeout = 3 };

        var error = await Assert.ThrowsAsync<TaskFailedException>(() => _host.ConvergeAsync(_module, parameters));

        Assert.Equal("the host did not reboot within 3 s: the connection never dropped and the boot id is still boot-1", error.Message);
    }

    [Fact]
    public async Task A_boot_id_probe_that_fails_is_an_error_not_the_same_boot()
    {
        var parameters = new RebootParams { Msg = "", RebootCommand = $"echo requested >> {Requests}; rm {BootId}", BootIdPath = BootId, RebootTimeout = 30 };

        var error = await Assert.ThrowsAsync<TaskFailedException>(() => _host.ConvergeAsync(_module, parameters));

        Assert.StartsWith($"cannot read the boot id with `cat {BootId}`", error.Message);
        Assert.Contains("No such file", error.StderrTail);
    }

    [Fact]
    public async Task A_failing_test_command_after_the_reboot_fails_the_task()
    {
        var parameters = new RebootParams { Msg = "", RebootCommand = $"echo boot-2 > {BootId}", BootIdPath = BootId, TestCommand = "echo not ready >&2; false", RebootTimeout = 4 };

        var error = await Assert.ThrowsAsync<TaskFailedException>(() => _host.ConvergeAsync(_module, parameters));

        Assert.Equal("the host rebooted, but test_command did not succeed within 4 s", error.Message);
        Assert.Contains("not ready", error.StderrTail);
    }
}
