using Converge.TestKit;

namespace Converge.Modules.Tests.Common;

/// <summary>
/// Each module example through the real <c>converge</c> entry point against localhost: check mode on a
/// fresh root touches nothing, the first apply succeeds, the second changes nothing.
/// </summary>
public sealed class ExampleRunTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("converge-examples-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData("file")]
    [InlineData("template")]
    [InlineData("copy")]
    [InlineData("command")]
    [InlineData("shell")]
    [InlineData("line")]
    [InlineData("assert")]
    [InlineData("service")]
    [InlineData("apt")]
    [InlineData("package")]
    [InlineData("lineinfile")]
    [InlineData("blockinfile")]
    [InlineData("replace")]
    [InlineData("stat")]
    [InlineData("setup")]
    [InlineData("ini_file")]
    [InlineData("slurp")]
    [InlineData("find")]
    [InlineData("script")]
    [InlineData("fetch")]
    [InlineData("unarchive")]
    [InlineData("cron")]
    [InlineData("sudoers")]
    [InlineData("authorized_key")]
    [InlineData("known_hosts")]
    [InlineData("mount")]
    [InlineData("wait_for")]
    [InlineData("raw")]
    [InlineData("ping")]
    [InlineData("debug")]
    [InlineData("set_fact")]
    [InlineData("include_vars")]
    [InlineData("pause")]
    [InlineData("fail")]
    [InlineData("getent")]
    [InlineData("service_facts")]
    [InlineData("htpasswd")]
    [InlineData("gem")]
    public Task I_can_check_apply_and_rerun_an_example_with_no_changes(string module) => CheckApplyRerunAsync(_root, module);

    /// <summary>Check on a fresh root creates nothing, the first apply succeeds, the second changes nothing (localhost, local connection).</summary>
    internal static async Task CheckApplyRerunAsync(string root, string module, params string[] extraVars)
    {
        var inventory = Path.Combine(root, "hosts.ini");
        await File.WriteAllTextAsync(inventory, "localhost ansible_connection=local\n");
        var exampleRoot = Path.Combine(root, "root");
        string[] arguments = [Path.Combine(RepositoryPaths.Examples, module + ".yml"), "-i", inventory, "-e", "example_root=" + exampleRoot, "-e", "converge_state_dir=" + Path.Combine(root, "state"), .. extraVars.SelectMany(v => new[] { "-e", v })];

        var check = await ReportedRun.RunAsync(["check", .. arguments], root, "localhost");
        Assert.False(Directory.Exists(exampleRoot), "check mode created " + exampleRoot);
        var first = await ReportedRun.RunAsync(["apply", .. arguments], root, "localhost");
        var second = await ReportedRun.RunAsync(["apply", .. arguments], root, "localhost");

        Assert.True(check.Failed == 0, check.Output);
        Assert.True(first.Exit == 0 && first.Failed == 0, first.Output);
        Assert.True(second.Exit == 0 && second.Changed == 0, second.Output);
    }
}
