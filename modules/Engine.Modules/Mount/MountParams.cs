using Converge.Core.Modules;

namespace Converge.Modules.Mount;

/// <summary>Params of <c>mount</c> (ansible.posix.mount), its names and defaults: an fstab entry and, by state, the live mount.</summary>
public sealed record MountParams
{
    /// <summary>The mount point.</summary>
    [ParamAlias("name")]
    public required string Path { get; init; }

    /// <summary>The device, e.g. <c>/dev/sdb1</c>, <c>UUID=…</c>, <c>server:/export</c>; required with present and mounted.</summary>
    public string? Src { get; init; }

    /// <summary>The file system type; required with present and mounted.</summary>
    public string? Fstype { get; init; }

    public string Opts { get; init; } = "defaults";

    public string Dump { get; init; } = "0";

    public string Passno { get; init; } = "0";

    /// <summary><c>present</c>, <c>absent</c>, <c>mounted</c>, <c>unmounted</c>, <c>remounted</c> (also <c>absent_from_fstab</c>, <c>ephemeral</c> are not supported).</summary>
    public required string State { get; init; }

    public string Fstab { get; init; } = "/etc/fstab";

    /// <summary>Accepted for compatibility; the entry is always written with <c>opts</c> as given.</summary>
    public bool Boot { get; init; } = true;

    public bool Backup { get; init; }
}
