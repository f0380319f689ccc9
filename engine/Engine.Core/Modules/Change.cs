namespace Converge.Core.Modules;

/// <summary>
/// One difference between the host and the desired state: what (<see cref="Path"/>, e.g.
/// <c>/etc/motd: content</c> or <c>package bridge-utils</c>), the value before and the value after.
/// <see cref="Diff"/> holds a unified diff for content changes.
/// </summary>
public sealed record Change(string Path, string? Before, string? After)
{
    public string? Diff { get; init; }

    public override string ToString() => $"{Path}: {Before ?? "(none)"} → {After ?? "(none)"}";
}
