namespace Converge.Modules.Service;

/// <summary>Params of <c>service</c>: whether a systemd or SysV service runs and starts at boot.</summary>
public sealed record ServiceParams
{
    /// <summary>The service name (<c>nginx</c>; a systemd unit name such as <c>nginx.service</c> also works).</summary>
    public required string Name { get; init; }

    /// <summary><c>started</c>, <c>stopped</c>, <c>restarted</c> or <c>reloaded</c>; null leaves it alone.</summary>
    public string? State { get; init; }

    /// <summary>Start at boot; null leaves it alone.</summary>
    public bool? Enabled { get; init; }
}
