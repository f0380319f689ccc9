using Converge.Core.Modules;
using Converge.Modules.Common;

namespace Converge.Modules.Raw;

/// <summary>Params of <c>raw</c> (Ansible's): a command line run as is by the host's shell; no guards, no working directory.</summary>
public sealed record RawParams : IGuardedCommand
{
    /// <summary>The command line (<c>raw: apt-get install -y python3</c>).</summary>
    [FreeForm]
    [ParamAlias("free_form")]
    public required string Cmd { get; init; }

    /// <summary>The shell that runs it with <c>-c</c> (default <c>/bin/sh</c>).</summary>
    public string? Executable { get; init; }

    string? IGuardedCommand.Chdir => null;

    string? IGuardedCommand.Creates => null;

    string? IGuardedCommand.Removes => null;

    string? IGuardedCommand.Stdin => null;
}
