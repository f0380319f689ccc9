namespace Converge.Modules.Ping;

/// <summary>Params of <c>ping</c> (Ansible's): the value returned as <c>ping</c>; <c>crash</c> makes the task fail, for testing.</summary>
public sealed record PingParams
{
    public string Data { get; init; } = "pong";
}
