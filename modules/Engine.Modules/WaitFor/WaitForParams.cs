namespace Converge.Modules.WaitFor;

/// <summary>Params of <c>wait_for</c>, Ansible's names and defaults: wait on the host for a port, a file or a pattern. Times are seconds.</summary>
public sealed record WaitForParams
{
    public string Host { get; init; } = "127.0.0.1";

    public long? Port { get; init; }

    public string? Path { get; init; }

    /// <summary>A regular expression (grep -E) that must appear in the file or in what the port sends.</summary>
    public string? SearchRegex { get; init; }

    /// <summary><c>started</c>, <c>stopped</c>, <c>present</c>, <c>absent</c> or <c>drained</c> (no established connections to the port).</summary>
    public string State { get; init; } = "started";

    public long Timeout { get; init; } = 300;

    public long Delay { get; init; }

    /// <summary>Seconds between checks.</summary>
    public long Sleep { get; init; } = 1;

    public long ConnectTimeout { get; init; } = 5;

    /// <summary>The failure message instead of Ansible's "Timeout when waiting for …".</summary>
    public string? Msg { get; init; }
}
