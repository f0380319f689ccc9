using Converge.Core.Modules;
using Converge.Modules.Common;

namespace Converge.Modules.Shell;

/// <summary>Params of <c>shell</c>: a script run by <c>/bin/sh -c</c> (pipes, redirects, variables and globs work).</summary>
public sealed record ShellParams : IGuardedCommand
{
    [FreeForm]
    public required string Cmd { get; init; }

    public string? Chdir { get; init; }

    public string? Creates { get; init; }

    public string? Removes { get; init; }

    public string? Stdin { get; init; }
}
