using Converge.Modules.Tests.Common;
using Converge.TestKit;

namespace Converge.Modules.Tests.Differential;

/// <summary>
/// htpasswd against Ansible (community.general's module, hashing with passlib): htpasswd.yml applied by both leaves the
/// same users (hashes differ only by their random salt) with the same mode, and each accepts the other's hashes: Ansible
/// rerun on Converge's file and Converge checking Ansible's file both find nothing to change.
/// </summary>
public sealed class HtpasswdDifferentialTests : IDisposable
{
    private readonly ModuleTestHost _host = new();

    public void Dispose() => _host.Dispose();

    private static string Users(string root) =>
        string.Join("\n", File.ReadAllLines(Path.Combine(root, "users")).Select(l => l.Split(':')[0] + " " + l.Split(':')[1][..Math.Min(6, l.Split(':')[1].Length)].Split('$')[1]))
        + "\n" + File.GetUnixFileMode(Path.Combine(root, "users"));

    [AnsibleFact]
    public async Task Both_write_the_same_users_and_each_accepts_the_other_s_hashes()
    {
        var run = await DifferentialRun.ApplyAsync(_host, "htpasswd.yml");
        var cross = Path.Combine(RepositoryPaths.Root, "tests", "Engine.Modules.Tests", "Differential", "htpasswd-alice.yml");

        Assert.Equal(Users(run.ByAnsible), Users(run.ByConverge));
        Assert.Equal("alice apr1\ncarol 1\n" + (UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead), Users(run.ByConverge));
        Assert.Equal("rerun changed: False\n", await File.ReadAllTextAsync(Path.Combine(run.ByConverge, "rerun.txt")));
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(run.ByAnsible, "rerun.txt")), await File.ReadAllTextAsync(Path.Combine(run.ByConverge, "rerun.txt")));

        var ansibleOnConverge = await AnsibleDifferentialTests.RunAnsibleAsync(cross, run.Inventory, run.ByConverge);
        var convergeOnAnsible = await ConvergeProcess.RunAsync(["check", cross, "-i", run.Inventory, "-e", "root=" + run.ByAnsible]);

        Assert.True(ansibleOnConverge.Exit == 0, ansibleOnConverge.Output);
        Assert.Contains("changed=0", ansibleOnConverge.Output, StringComparison.Ordinal);
        Assert.True(convergeOnAnsible.ExitCode == 0, convergeOnAnsible.ToString());
    }
}
