using Converge.Modules.Common;
using FluentValidation;

namespace Converge.Modules.Template;

public sealed class TemplateParamsValidator : AbstractValidator<TemplateParams>
{
    public TemplateParamsValidator()
    {
        RuleFor(p => p.Src).NotEmpty();
        RuleFor(p => p.Dest).Must(PathRules.IsAbsolute).WithMessage("dest must be absolute (it is a path on the host)");
        RuleFor(p => p.Mode).Must(FileModes.IsValid).When(p => p.Mode is not null).WithMessage(PathRules.ModeMessage);
    }
}
