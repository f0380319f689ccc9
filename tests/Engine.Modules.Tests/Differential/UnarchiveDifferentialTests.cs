using Converge.Modules.Tests.Common;

namespace Converge.Modules.Tests.Differential;

/// <summary>
/// unarchive against Ansible: unarchive.yml (tar.gz, tar.bz2, tar.xz and zip from the controller, a host archive with
/// remote_src, extra_opts, mode, creates, list_files, reruns and a repaired member) applied by ansible-playbook and by
/// <c>converge apply</c> must leave the same trees and register the same changed flags and file lists.
/// </summary>
public sealed class UnarchiveDifferentialTests : IDisposable
{
    private readonly ModuleTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [AnsibleFact]
    public async Task Archives_are_extracted_as_Ansible_extracts_them()
    {
        var (_, _, byAnsible, byConverge) = await DifferentialRun.ApplyAsync(_host, "unarchive.yml");

        Assert.Equal(Tree(byAnsible), Tree(byConverge));
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(byAnsible, "registered.txt")), await File.ReadAllTextAsync(Path.Combine(byConverge, "registered.txt")));
        Assert.Equal("a = 1\n", await File.ReadAllTextAsync(Path.Combine(byConverge, "gz", "tree", "a.conf")));
        Assert.True(File.Exists(Path.Combine(byConverge, "strip", "sub", "deep", "c.txt")));
    }

    /// <summary>An archive's bytes differ with the tool that wrote it; its name and mode are compared.</summary>
    private static string Tree(string root) =>
        DifferentialRun.Tree(root, f => f.EndsWith(".gz", StringComparison.Ordinal) ? "(archive)" : File.ReadAllText(f));
}
