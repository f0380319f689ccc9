using Converge.Core.Modules;

namespace Converge.Modules.Stat;

/// <summary>Params of <c>stat</c> (Ansible's): read a path's status for <c>register:</c>; never changes anything.</summary>
public sealed record StatParams
{
    [ParamAlias("dest", "name")]
    public required string Path { get; init; }

    /// <summary>Follow a final symbolic link.</summary>
    public bool Follow { get; init; }

    public bool GetChecksum { get; init; } = true;

    /// <summary><c>md5</c>, <c>sha1</c> (Ansible's default), <c>sha224</c>, <c>sha256</c>, <c>sha384</c> or <c>sha512</c>.</summary>
    [ParamAlias("checksum", "checksum_algo")]
    public string ChecksumAlgorithm { get; init; } = "sha1";

    /// <summary>Add <c>mimetype</c> and <c>charset</c> (from file(1), when the host has it).</summary>
    [ParamAlias("mime", "mime_type", "mime-type")]
    public bool GetMime { get; init; } = true;

    /// <summary>Accepted for compatibility; file attributes (lsattr) are not read.</summary>
    [ParamAlias("attr", "attributes")]
    public bool GetAttributes { get; init; } = true;
}
