using Converge.TestKit;

namespace Converge.Cli.Tests.Support;

/// <summary>A temp directory for one spec, with helpers to run converge against the repository's examples.</summary>
internal sealed class Workspace : IDisposable
{
    public Workspace()
    {
        Root = Directory.CreateTempSubdirectory("converge-spec-").FullName;
    }

    public string Root { get; }

    public static string LocalInventory => Path.Combine(RepositoryPaths.Playbooks, "inventories", "local");

    public static string Example(string name) => Path.Combine(RepositoryPaths.Examples, name);

    public string PathOf(string relative) => Path.Combine(Root, relative);

    public string Write(string relative, string content)
    {
        var path = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>
    /// The state directory of this spec's runs (handler journal, run lock), so specs running at once on this
    /// machine do not wait on each other's host lock; beside the root, so <see cref="Snapshot"/> leaves it out.
    /// </summary>
    public string StateDirectory => Root + ".state";

    /// <summary>Runs converge VERB PLAYBOOK -i local -e example_root=ROOT -e converge_state_dir=STATE plus extra arguments.</summary>
    public Task<ConvergeOutcome> RunAsync(string verb, string playbook, params string[] extra) =>
        ConvergeProcess.RunAsync([verb, playbook, "-i", LocalInventory, "-e", $"example_root={Root}", "-e", $"converge_state_dir={StateDirectory}", .. extra]);

    /// <summary>Every file under the root with its content, to prove a run changed nothing.</summary>
    public Dictionary<string, string> Snapshot() =>
        Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(Root, f), f => File.ReadAllText(f) + "|" + File.GetUnixFileMode(f));

    public void Dispose()
    {
        Directory.Delete(Root, recursive: true);
        if (Directory.Exists(StateDirectory))
        {
            Directory.Delete(StateDirectory, recursive: true);
        }
    }
}
