using Converge.Modules.Tests.Common;
using Converge.TestKit;

namespace Converge.Modules.Tests.Differential;

/// <summary>file's link and hard states against Ansible: links.yml applied by ansible-playbook and by <c>converge apply</c> must leave the same links, targets and files.</summary>
public sealed class LinkDifferentialTests : IDisposable
{
    private readonly ModuleTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [AnsibleFact]
    public async Task File_links_are_the_same_as_Ansibles()
    {
        var (_, _, byAnsible, byConverge) = await DifferentialRun.ApplyAsync(_host, "links.yml");

        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(byAnsible, "registered.txt")), await File.ReadAllTextAsync(Path.Combine(byConverge, "registered.txt")));
        Assert.Equal(Tree(byAnsible), Tree(byConverge));
        Assert.Equal("target.txt", new FileInfo(Path.Combine(byConverge, "rel-link")).LinkTarget);
    }

    /// <summary>Each entry: a symlink with its target (never followed: one dangles on purpose), a file with its mode, link count and content.</summary>
    private static string Tree(string root) => string.Join(
        "\n",
        Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(f =>
            new FileInfo(f).LinkTarget is { } target
                ? $"== {Path.GetRelativePath(root, f)} -> {target.Replace(root, "ROOT", StringComparison.Ordinal)}"
                : $"== {Path.GetRelativePath(root, f)} {File.GetUnixFileMode(f)}\n{File.ReadAllText(f)}"));
}
