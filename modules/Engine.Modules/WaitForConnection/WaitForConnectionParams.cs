namespace Converge.Modules.WaitForConnection;

/// <summary>Params of <c>wait_for_connection</c>, Ansible's names and defaults (seconds).</summary>
public sealed record WaitForConnectionParams
{
    /// <summary>Wait this long before the first attempt.</summary>
    public int Delay { get; init; }

    /// <summary>Give up after this long.</summary>
    public int Timeout { get; init; } = 600;

    /// <summary>Wait this long between attempts.</summary>
    public int Sleep { get; init; } = 1;

    /// <summary>How long one attempt may take.</summary>
    public int ConnectTimeout { get; init; } = 5;
}
