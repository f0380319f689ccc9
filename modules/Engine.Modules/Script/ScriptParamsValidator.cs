using Converge.Modules.Command;
using FluentValidation;

namespace Converge.Modules.Script;

public sealed class ScriptParamsValidator : AbstractValidator<ScriptParams>
{
    public ScriptParamsValidator()
    {
        RuleFor(p => p.Cmd).Must(c => CommandLineWords.TrySplit(c, out var words, out _) && words.Count > 0)
            .WithMessage(p => CommandLineWords.TrySplit(p.Cmd, out _, out var error) ? "script needs the path of a script on the controller" : $"cannot split the script line: {error}");
    }
}
