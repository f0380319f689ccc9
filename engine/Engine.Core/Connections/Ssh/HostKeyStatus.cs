namespace Converge.Core.Connections.Ssh;

public enum HostKeyStatus
{
    /// <summary>The key is recorded for the host.</summary>
    Trusted,

    /// <summary>Nothing is recorded for the host and this key type.</summary>
    Unknown,

    /// <summary>A different key of the same type is recorded: possible man-in-the-middle.</summary>
    Changed,

    /// <summary>The key is marked <c>@revoked</c>.</summary>
    Revoked,
}
