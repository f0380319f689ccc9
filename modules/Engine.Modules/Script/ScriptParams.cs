using Converge.Core.Modules;
using Converge.Modules.Common;

namespace Converge.Modules.Script;

/// <summary>Params of <c>script</c> (Ansible's): a controller script copied to the host, run there, and removed.</summary>
public sealed record ScriptParams : IGuardedCommand
{
    /// <summary>The script (looked up in the playbook's <c>files/</c>, then its folder) and its arguments, split as a POSIX shell splits words.</summary>
    [FreeForm]
    public required string Cmd { get; init; }

    /// <summary>Run the script with this interpreter (e.g. <c>python3</c>) instead of its shebang.</summary>
    public string? Executable { get; init; }

    public string? Chdir { get; init; }

    public string? Creates { get; init; }

    public string? Removes { get; init; }

    string? IGuardedCommand.Stdin => null;
}
