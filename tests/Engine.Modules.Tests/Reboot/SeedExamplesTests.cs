using Converge.TestKit;

namespace Converge.Modules.Tests.Reboot;

/// <summary>The examples of the seed modules, run for real on the controller through the <c>converge</c> entry point.</summary>
public sealed class SeedExamplesTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("converge-seed-examples-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData("reboot")]
    [InlineData("build-deb")]
    public async Task The_example_converges_and_a_second_run_changes_nothing(string example)
    {
        var first = await ApplyAsync(example);
        var second = await ApplyAsync(example);

        Assert.True(first.ExitCode == 2, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
    }

    [Fact]
    public async Task The_install_pkg_example_is_in_sync_without_its_opt_in()
    {
        var outcome = await ApplyAsync("install-pkg");

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Contains("converge-example-retired is not installed", outcome.Stdout);
    }

    private Task<ConvergeOutcome> ApplyAsync(string example) =>
        ConvergeProcess.RunAsync(
            ["apply", Path.Combine(RepositoryPaths.Examples, example + ".yml"), "-i", Path.Combine(RepositoryPaths.Playbooks, "inventories", "local"), "-e", $"example_root={_root}/x", "-e", $"converge_state_dir={_root}/state", "--detailed-exitcode"],
            environment: new Dictionary<string, string?> { ["CONVERGE_ARTIFACTS"] = Path.Combine(_root, "artifacts") });
}
