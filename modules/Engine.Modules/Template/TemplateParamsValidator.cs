using Converge.Modules.Common;
using FluentValidation;

namespace Converge.Modules.Template;

public sealed class TemplateParamsValidator : AbstractValidator<TemplateParams>
{
    public TemplateParamsValidator()
    {
        RuleFor(p => p.Src).NotEmpty();
        RuleFor(p => p.Dest).Must(PathRules.IsAbsolute).WithMessage("dest must be absolute (it is a path on the host)");
        RuleFor(p => p.Validate).Must(FileValidation.IsValid).When(p => p.Validate is not null).WithMessage(FileValidation.Message);
        RuleFor(p => p.NewlineSequence).Must(n => TemplateNewlines.Sequence(n) is not null)
            .WithMessage(p => $"newline_sequence must be \\n, \\r or \\r\\n, not '{p.NewlineSequence}'");
        RuleFor(p => p.Mode).Must(FileModes.IsValid).When(p => p.Mode is not null).WithMessage(PathRules.ModeMessage);
    }
}
