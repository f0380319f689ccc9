using Converge.Modules.Tests.Common;
using Converge.TestKit;

namespace Converge.Modules.Tests.Differential;

/// <summary>
/// The file module's directories and attributes against Ansible: directories.yml applied by ansible-playbook and
/// by <c>converge apply</c> must leave the same tree with the same modes (every directory created gets the mode,
/// set-id bits survive a new owner), and converge's rerun must find the directories as they should be (the two
/// tool tasks set different owners and modes on purpose, so they change again, in both tools).
/// </summary>
public sealed class DirectoryDifferentialTests : IDisposable
{
    private readonly ModuleTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [AnsibleFact]
    public async Task Directories_and_their_modes_are_the_same_as_Ansibles_and_a_rerun_finds_them_in_sync()
    {
        var (playbook, inventory, byAnsible, byConverge) = await DifferentialRun.ApplyAsync(_host, "directories.yml");

        Assert.Equal(DifferentialRun.Tree(byAnsible), DifferentialRun.Tree(byConverge));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute, File.GetUnixFileMode(Path.Combine(byConverge, "a")));
        Assert.True(File.GetUnixFileMode(Path.Combine(byConverge, "tool")).HasFlag(UnixFileMode.SetUser));

        var rerun = await ConvergeProcess.RunAsync(["apply", playbook, "-i", inventory, "-e", "root=" + byConverge]);
        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        Assert.Contains("ok: [localhost] Nested directories with a mode", rerun.Stdout);
        Assert.Contains("ok: [localhost] A directory with a trailing slash", rerun.Stdout);
    }
}
