using Converge.Core.Connections;
using Converge.Core.Modules;
using Converge.Modules.Common;
using FluentValidation;

namespace Converge.Modules.Shell;

/// <summary>
/// <c>shell</c>: runs a script with <c>/bin/sh -c</c>; the script is one argument, never re-split.
/// Predicted from its guards only; see <see cref="GuardedCommandModule{TParams}"/>.
/// </summary>
public sealed class ShellModule : GuardedCommandModule<ShellParams>
{
    public override string Name => "shell";

    protected override IValidator<ShellParams> ParamsValidator => ParamsValidators.Of<ShellParamsValidator>();

    protected override CommandSpec Build(ShellParams parameters) => CommandSpec.Shell(parameters.Cmd, CommandKind.Change);
}
