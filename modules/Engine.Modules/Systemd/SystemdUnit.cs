namespace Converge.Modules.Systemd;

/// <summary>
/// A unit as <c>systemctl show</c> reports it, with what the host runs as PID 1 (for the error on a
/// host without systemd). <see cref="Booted"/> is sd_booted(3): <c>/run/systemd/system</c> is a directory.
/// </summary>
public sealed record SystemdUnit(string Unit, string Pid1, bool Booted, string LoadState, string ActiveState, string SubState, string UnitFileState)
{
    private static readonly HashSet<string> EnabledStates = ["enabled", "enabled-runtime", "static", "alias", "indirect", "generated"];

    private static readonly HashSet<string> RunningStates = ["active", "activating", "reloading"];

    public bool Exists => LoadState is not ("not-found" or "") || UnitFileState.Length > 0;

    public bool Masked => LoadState == "masked" || UnitFileState.StartsWith("masked", StringComparison.Ordinal);

    public bool Running => RunningStates.Contains(ActiveState);

    public bool Enabled => EnabledStates.Contains(UnitFileState);

    public string Describe() => !Exists
        ? $"unit {Unit} is not found"
        : $"{Unit} is {(Masked ? "masked, " : string.Empty)}{(Running ? "running" : "stopped")} and {(Enabled ? "enabled" : "disabled")}";

    /// <summary>Ansible's <c>status</c> return value: the properties read, by systemd's names.</summary>
    public IReadOnlyDictionary<string, object?> Status() => new Dictionary<string, object?>(StringComparer.Ordinal)
    {
        ["LoadState"] = LoadState,
        ["ActiveState"] = ActiveState,
        ["SubState"] = SubState,
        ["UnitFileState"] = UnitFileState,
    };
}
