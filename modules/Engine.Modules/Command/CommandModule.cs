using Converge.Core.Connections;
using Converge.Core.Modules;
using Converge.Modules.Common;
using FluentValidation;

namespace Converge.Modules.Command;

/// <summary>
/// <c>command</c>: runs a program directly (no shell), split from <c>cmd</c> by <see cref="CommandLineWords"/>
/// or given as <c>argv</c>. Predicted from its guards only; see <see cref="GuardedCommandModule{TParams}"/>.
/// </summary>
public sealed class CommandModule : GuardedCommandModule<CommandParams>
{
    public override string Name => "command";

    protected override IValidator<CommandParams> ParamsValidator => ParamsValidators.Of<CommandParamsValidator>();

    protected override CommandSpec Build(CommandParams parameters)
    {
        var words = parameters.Argv ?? CommandLineWords.Split(parameters.Cmd!);
        return CommandSpec.Change(words[0], [.. words.Skip(1)]);
    }
}
