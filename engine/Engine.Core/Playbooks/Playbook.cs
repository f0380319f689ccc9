namespace Converge.Core.Playbooks;

/// <summary>A loaded playbook: its file and its plays in order.</summary>
public sealed record Playbook(string Path, IReadOnlyList<Play> Plays)
{
    public string Directory => System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!;
}
