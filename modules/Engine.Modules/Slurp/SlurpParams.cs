using Converge.Core.Modules;

namespace Converge.Modules.Slurp;

/// <summary>Params of <c>slurp</c> (Ansible's): a file on the host read into <c>register:</c>, base64-encoded.</summary>
public sealed record SlurpParams
{
    [ParamAlias("path")]
    public required string Src { get; init; }
}
