using Converge.Modules.Tests.Common;
using Converge.TestKit;

namespace Converge.Modules.Tests.Differential;

/// <summary>
/// One playbook of this folder applied unchanged by ansible-playbook and by <c>converge apply</c> to two fresh
/// folders on the local host (its <c>root</c> variable), both required to succeed; the tests then compare them.
/// </summary>
internal sealed record DifferentialRun(string Playbook, string Inventory, string ByAnsible, string ByConverge)
{
    public static async Task<DifferentialRun> ApplyAsync(ModuleTestHost host, string playbookName)
    {
        var playbook = Path.Combine(RepositoryPaths.Root, "tests", "Engine.Modules.Tests", "Differential", playbookName);
        var inventory = host.PathOf("hosts.ini");
        await File.WriteAllTextAsync(inventory, $"localhost ansible_connection=local ansible_python_interpreter=/usr/bin/python3 converge_state_dir={host.Root}/state\n");
        var run = new DifferentialRun(playbook, inventory, Directory.CreateDirectory(host.PathOf("ansible")).FullName, Directory.CreateDirectory(host.PathOf("converge")).FullName);

        var ansible = await AnsibleDifferentialTests.RunAnsibleAsync(playbook, inventory, run.ByAnsible);
        var converge = await ConvergeProcess.RunAsync(["apply", playbook, "-i", inventory, "-e", "root=" + run.ByConverge]);

        Assert.True(ansible.Exit == 0, ansible.Output);
        Assert.True(converge.ExitCode == 0, converge.ToString());
        return run;
    }

    /// <summary>
    /// Every directory and file under <paramref name="root"/> with its mode, and each file's content as
    /// <paramref name="content"/> reads it (the text itself by default), in one string two trees can be compared by.
    /// </summary>
    public static string Tree(string root, Func<string, string>? content = null) => string.Join(
        "\n",
        Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(f =>
            Directory.Exists(f)
                ? $"== {Path.GetRelativePath(root, f)}/ {File.GetUnixFileMode(f)}"
                : $"== {Path.GetRelativePath(root, f)} {File.GetUnixFileMode(f)}\n{(content ?? File.ReadAllText)(f)}"));
}
