using Converge.Modules.Common;
using FluentValidation;

namespace Converge.Modules.Slurp;

public sealed class SlurpParamsValidator : AbstractValidator<SlurpParams>
{
    public SlurpParamsValidator()
    {
        RuleFor(p => p.Src).Must(PathRules.IsAbsolute).WithMessage("src must be absolute (it is a path on the host)");
    }
}
