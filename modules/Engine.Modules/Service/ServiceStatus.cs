namespace Converge.Modules.Service;

/// <summary>A service as the host's init system reports it.</summary>
public sealed record ServiceStatus(string Name, string Init, bool Exists, bool Running, bool Enabled)
{
    /// <summary>The systemd unit or SysV script the status came from, for messages.</summary>
    public string Source { get; init; } = string.Empty;

    public string Describe() =>
        !Exists ? $"{Init} service {Name} is not installed" : $"{Name} is {(Running ? "running" : "stopped")} and {(Enabled ? "enabled" : "disabled")}";
}
