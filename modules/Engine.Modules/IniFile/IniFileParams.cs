using Converge.Core.Modules;

namespace Converge.Modules.IniFile;

/// <summary>Params of <c>ini_file</c> (community.general's): one option of one section of an INI file.</summary>
public sealed record IniFileParams
{
    [ParamAlias("dest")]
    public required string Path { get; init; }

    /// <summary>The section; null manages the options before the first section (the global ones).</summary>
    public string? Section { get; init; }

    /// <summary>The option; null with <c>state: absent</c> removes the whole section.</summary>
    public string? Option { get; init; }

    public string? Value { get; init; }

    /// <summary>Several values of one option (one line each); excludes <c>value</c>.</summary>
    public IReadOnlyList<string>? Values { get; init; }

    /// <summary><c>present</c> (default) or <c>absent</c>.</summary>
    public string State { get; init; } = "present";

    /// <summary>True (default): other values of the option are removed; false: they are kept.</summary>
    public bool Exclusive { get; init; } = true;

    /// <summary>Write <c>option=value</c> instead of <c>option = value</c>.</summary>
    public bool NoExtraSpaces { get; init; }

    /// <summary>An option without a value (a bare <c>option</c> line) is allowed.</summary>
    public bool AllowNoValue { get; init; }

    /// <summary>Create a missing file (default, as Ansible); false fails on a missing file.</summary>
    public bool Create { get; init; } = true;

    public bool Backup { get; init; }

    public string? Mode { get; init; }

    public string? Owner { get; init; }

    public string? Group { get; init; }
}
