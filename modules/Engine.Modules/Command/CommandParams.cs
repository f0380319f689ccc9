using Converge.Core.Modules;
using Converge.Modules.Common;

namespace Converge.Modules.Command;

/// <summary>Params of <c>command</c>: a program run without a shell (no pipes, redirects, globs or variables).</summary>
public sealed record CommandParams : IGuardedCommand
{
    /// <summary>The command line, split into words as a POSIX shell would split them (quotes and backslashes), nothing else.</summary>
    [FreeForm]
    public string? Cmd { get; init; }

    /// <summary>The program and its arguments as a list, instead of <c>cmd</c>; nothing is split.</summary>
    public IReadOnlyList<string>? Argv { get; init; }

    public string? Chdir { get; init; }

    public string? Creates { get; init; }

    public string? Removes { get; init; }

    public string? Stdin { get; init; }
}
