namespace Converge.Modules.Modprobe;

/// <summary>Params of <c>modprobe</c> (community.general's names): a kernel module loaded or not, and kept so across reboots or not.</summary>
public sealed record ModprobeParams
{
    /// <summary>The kernel module.</summary>
    public required string Name { get; init; }

    /// <summary><c>present</c> (loaded) or <c>absent</c>.</summary>
    public string State { get; init; } = "present";

    /// <summary>Module parameters, space-separated <c>key=value</c>s (passed to modprobe, and written as <c>options</c> lines).</summary>
    public string Params { get; init; } = string.Empty;

    /// <summary><c>disabled</c> (default: files untouched), <c>present</c> (written to /etc/modules-load.d and /etc/modprobe.d), <c>absent</c> (commented out there).</summary>
    public string Persistent { get; init; } = "disabled";
}
