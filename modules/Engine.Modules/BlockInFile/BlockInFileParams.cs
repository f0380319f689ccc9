using Converge.Core.Modules;

namespace Converge.Modules.BlockInFile;

/// <summary>Params of <c>blockinfile</c> (Ansible's): a block of lines between two marker lines, kept in a text file.</summary>
public sealed record BlockInFileParams
{
    [ParamAlias("dest", "destfile", "name")]
    public required string Path { get; init; }

    /// <summary>The lines between the markers; empty (the default) removes the block, as in Ansible.</summary>
    [ParamAlias("content")]
    public string Block { get; init; } = string.Empty;

    /// <summary><c>present</c> (default) or <c>absent</c>.</summary>
    public string State { get; init; } = "present";

    /// <summary>The marker line template; <c>{mark}</c> becomes <see cref="MarkerBegin"/> or <see cref="MarkerEnd"/>.</summary>
    public string Marker { get; init; } = "# {mark} ANSIBLE MANAGED BLOCK";

    public string MarkerBegin { get; init; } = "BEGIN";

    public string MarkerEnd { get; init; } = "END";

    /// <summary><c>EOF</c> (default) or a regular expression: a new block goes after its last match.</summary>
    [ParamAlias("insertafter")]
    public string? InsertAfter { get; init; }

    /// <summary><c>BOF</c> or a regular expression: a new block goes before its last match.</summary>
    [ParamAlias("insertbefore")]
    public string? InsertBefore { get; init; }

    public bool Create { get; init; }

    public string? Validate { get; init; }

    public string? Mode { get; init; }

    public string? Owner { get; init; }

    public string? Group { get; init; }

    public bool Backup { get; init; }
}
