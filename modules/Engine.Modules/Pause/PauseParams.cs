namespace Converge.Modules.Pause;

/// <summary>Params of <c>pause</c>, Ansible's names: wait a while, or for Enter at a terminal.</summary>
public sealed record PauseParams
{
    public long? Seconds { get; init; }

    public long? Minutes { get; init; }

    /// <summary>Text shown; without seconds/minutes the run waits for Enter, only when it has a terminal.</summary>
    public string? Prompt { get; init; }

    /// <summary>Show what is typed at the prompt.</summary>
    public bool Echo { get; init; } = true;
}
