using System.Text.Json;
using Converge.TestKit;

namespace Converge.Modules.Tests.Differential;

/// <summary>
/// The file modules against Ansible: files.yml applied by Converge to a copy of seed/ must leave the same files
/// (content and mode) as Ansible 2.14 left them (recorded by record-ansible.sh into ansible-result/), and a
/// second run must change nothing.
/// </summary>
public sealed class FileDifferentialTests : IDisposable
{
    private static readonly string Here = Path.Combine(RepositoryPaths.Root, "tests", "Engine.Modules.Tests", "Differential");

    private readonly string _work = Directory.CreateTempSubdirectory("converge-differential-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public async Task Converge_leaves_the_same_files_as_Ansible_and_a_rerun_changes_nothing()
    {
        var root = Directory.CreateDirectory(Path.Combine(_work, "root")).FullName;
        foreach (var file in Directory.GetFiles(Path.Combine(Here, "seed")))
        {
            var copy = Path.Combine(root, Path.GetFileName(file));
            File.Copy(file, copy);
            File.SetUnixFileMode(copy, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        var inventory = Path.Combine(_work, "hosts.ini");
        await File.WriteAllTextAsync(inventory, $"localhost ansible_connection=local converge_state_dir={_work}/state\n");
        var playbook = Path.Combine(Here, "files.yml");

        var apply = await ConvergeProcess.RunAsync(["apply", playbook, "-i", inventory, "-e", "root=" + root]);
        var rerun = await ConvergeProcess.RunAsync(["check", playbook, "-i", inventory, "-e", "root=" + root, "--report", Path.Combine(_work, "report.json")]);

        Assert.True(apply.ExitCode == 0, apply.ToString());
        var expected = Path.Combine(Here, "ansible-result");
        Assert.Equal(Names(expected), Names(root));
        foreach (var name in Names(expected))
        {
            Assert.Equal(await File.ReadAllTextAsync(Path.Combine(expected, name)), await File.ReadAllTextAsync(Path.Combine(root, name)));
        }

        var modes = (await File.ReadAllLinesAsync(Path.Combine(Here, "ansible-result.modes"))).Select(l => l.Split(' ')).ToDictionary(p => p[0], p => p[1]);
        foreach (var name in Names(root))
        {
            Assert.True(modes[name] == Convert.ToString((int)File.GetUnixFileMode(Path.Combine(root, name)), 8), $"{name}: Ansible left mode {modes[name]}");
        }

        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_work, "report.json")));
        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        Assert.Equal(0, report.RootElement.GetProperty("hosts").GetProperty("localhost").GetProperty("changed").GetInt32());
    }

    private static List<string> Names(string folder) =>
        [.. Directory.GetFiles(folder).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal)];
}
