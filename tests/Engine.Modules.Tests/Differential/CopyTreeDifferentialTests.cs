using Converge.Modules.Tests.Common;

namespace Converge.Modules.Tests.Differential;

/// <summary>
/// Recursive copy (controller and host sources, trailing slash or not, directory_mode, force: no, remote_src) and file's
/// recurse and times against Ansible: copy-tree.yml applied by ansible-playbook and by <c>converge apply</c> must leave the
/// same tree (every file and directory with its mode, every file's content) and register the same times. (The playbook
/// edits on purpose, so it is not idempotent; each module's own tests prove a rerun is in sync.)
/// </summary>
public sealed class CopyTreeDifferentialTests : IDisposable
{
    private readonly ModuleTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [AnsibleFact]
    public async Task Copied_trees_recursive_modes_and_times_are_the_same_as_Ansibles()
    {
        var (_, _, byAnsible, byConverge) = await DifferentialRun.ApplyAsync(_host, "copy-tree.yml");

        Assert.Equal(Tree(byAnsible), Tree(byConverge));
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(byAnsible, "registered.txt")), await File.ReadAllTextAsync(Path.Combine(byConverge, "registered.txt")));
        Assert.Equal("edited\n", await File.ReadAllTextAsync(Path.Combine(byConverge, "one", "tree", "a.conf")));
        Assert.True(File.Exists(Path.Combine(byConverge, "three", "sub", "deep", "c.txt")));
    }

    /// <summary>Times are compared through registered.txt.</summary>
    private static string Tree(string root) => DifferentialRun.Tree(root);
}
