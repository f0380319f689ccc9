using Converge.Modules.Common;
using FluentValidation;

namespace Converge.Modules.Fetch;

public sealed class FetchParamsValidator : AbstractValidator<FetchParams>
{
    public FetchParamsValidator()
    {
        RuleFor(p => p.Src).Must(PathRules.IsAbsolute).WithMessage("src must be absolute (it is a path on the host)");
        RuleFor(p => p.Dest).NotEmpty().WithMessage("dest names a controller directory (or with flat: the file)");
    }
}
