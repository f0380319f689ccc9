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

    private Task<ConvergeOutcome> ApplyAsync(string example) =>
        ConvergeProcess.RunAsync(
            ["apply", Path.Combine(RepositoryPaths.Examples, example + ".yml"), "-i", Path.Combine(RepositoryPaths.Playbooks, "inventories", "local"), "-e", $"example_root={_root}/x", "--detailed-exitcode"],
            environment: new Dictionary<string, string?> { ["CONVERGE_ARTIFACTS"] = Path.Combine(_root, "artifacts") });
}
