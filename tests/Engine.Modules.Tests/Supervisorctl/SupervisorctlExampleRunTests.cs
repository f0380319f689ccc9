using Converge.Modules.Tests.Common;

namespace Converge.Modules.Tests.Supervisorctl;

/// <summary>The supervisorctl example through the real <c>converge</c> entry point, against a supervisord the test starts: check, apply, rerun with no change.</summary>
public sealed class SupervisorctlExampleRunTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("converge-examples-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task I_can_check_apply_and_rerun_the_supervisorctl_example_with_no_changes()
    {
        await using var server = await SupervisordServer.StartAsync(Path.Combine(_root, "supervisor"));

        await ExampleRunTests.CheckApplyRerunAsync(_root, "supervisorctl", "supervisor_config=" + server.Config, "supervisor_password=" + SupervisordServer.Password);

        Assert.Contains("worker                           RUNNING", await server.StatusAsync(), StringComparison.Ordinal);
    }
}
