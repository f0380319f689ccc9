using System.Diagnostics;
using Converge.Modules.Tests.Common;
using Converge.TestKit;

namespace Converge.Modules.Tests.Differential;

/// <summary>
/// One playbook applied unchanged by ansible-playbook and by <c>converge apply</c> to two fresh folders on this
/// machine; the resulting files (content and mode) must be identical.
/// (Each module's own tests prove a rerun changes nothing; this playbook adds and removes on purpose.)
/// </summary>
public sealed class AnsibleDifferentialTests : IDisposable
{
    private readonly ModuleTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [AnsibleFact]
    public async Task Cron_and_sysctl_leave_the_same_files_as_Ansible()
    {
        var (_, _, byAnsible, byConverge) = await DifferentialRun.ApplyAsync(_host, "cron-sysctl.yml");

        Assert.Equal(Files(byAnsible), Files(byConverge));
        Assert.Contains("#Ansible: nightly backup", Files(byConverge));
    }

    [AnsibleFact]
    public async Task Known_hosts_sudoers_and_mount_leave_the_same_files_as_Ansible()
    {
        var (playbook, inventory, byAnsible, byConverge) = await DifferentialRun.ApplyAsync(_host, "access.yml");
        var rerun = await ConvergeProcess.RunAsync(["apply", playbook, "-i", inventory, "-e", "root=" + byConverge]);

        Assert.Equal(Files(byAnsible), Files(byConverge));
        Assert.Contains("deploy ALL=(root)NOPASSWD: /usr/bin/systemctl reload nginx", Files(byConverge));
        Assert.True(rerun.ExitCode == 0, rerun.ToString());
    }

    /// <summary>Every file with its mode and content (not times: the two runs happen one after the other).</summary>
    internal static string Files(string root) => string.Join(
        "\n",
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(f => $"== {Path.GetRelativePath(root, f)} {File.GetUnixFileMode(f)}\n{File.ReadAllText(f)}"));

    internal static async Task<(int Exit, string Output)> RunAnsibleAsync(string playbook, string inventory, string root)
    {
        var start = new ProcessStartInfo("/usr/bin/ansible-playbook", ["-i", inventory, "-e", "root=" + root, playbook])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ANSIBLE_NOCOLOR"] = "1";
        start.Environment["ANSIBLE_LOCAL_TEMP"] = Path.Combine(root, "..", "ansible-tmp");
        start.Environment["ANSIBLE_REMOTE_TEMP"] = Path.Combine(root, "..", "ansible-tmp");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
