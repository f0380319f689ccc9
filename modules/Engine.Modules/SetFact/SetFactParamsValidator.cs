using System.Text.RegularExpressions;
using FluentValidation;

namespace Converge.Modules.SetFact;

public sealed partial class SetFactParamsValidator : AbstractValidator<SetFactParams>
{
    public SetFactParamsValidator()
    {
        RuleFor(p => p.Facts).NotEmpty().WithMessage("give at least one variable to set (e.g. set_fact: {name: value})");
        RuleForEach(p => p.Facts.Keys).Must(k => Identifier().IsMatch(k))
            .WithMessage((_, k) => $"'{k}' is not a valid variable name (letters, digits and underscores, not starting with a digit)");
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Identifier();
}
