using Converge.Core.Connections;
using Converge.Modules.Tests.Common;

namespace Converge.Modules.Tests.Git;

/// <summary>
/// The git example through the real <c>converge</c>, its <c>app_repo</c> pointed at a repository the test makes with the
/// real git (a bare origin with a tagged release, over <c>file://</c>): check clones nothing, the first apply checks out
/// v1.4.0, the second changes nothing.
/// </summary>
public sealed class GitExampleRunTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("converge-git-example-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task I_can_check_apply_and_rerun_the_git_example_with_no_changes()
    {
        var origin = Path.Combine(_root, "origin.git");
        var work = Path.Combine(_root, "work");
        await GitAsync(_root, "init", "-q", "--bare", "--initial-branch=main", origin);
        await GitAsync(_root, "clone", "-q", origin, work);
        await File.WriteAllTextAsync(Path.Combine(work, "VERSION"), "1.4.0\n");
        await GitAsync(work, "add", "VERSION");
        await GitAsync(work, "-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "-q", "-m", "release 1.4.0");
        await GitAsync(work, "-c", "user.name=Test", "-c", "user.email=test@example.org", "tag", "-a", "v1.4.0", "-m", "1.4.0");
        await GitAsync(work, "push", "-q", "origin", "main", "v1.4.0");

        await ExampleRunTests.CheckApplyRerunAsync(_root, "git", "app_repo=file://" + origin);

        Assert.Equal("1.4.0\n", await File.ReadAllTextAsync(Path.Combine(_root, "root", "app", "VERSION")));
    }

    private static async Task GitAsync(string directory, params string[] arguments)
    {
        var result = await new LocalConnection("localhost").RunAsync(new CommandSpec("git", arguments) { WorkingDirectory = directory }, CancellationToken.None);
        Assert.True(result.Succeeded, $"git {string.Join(' ', arguments)}: {result.Stderr}");
    }
}
