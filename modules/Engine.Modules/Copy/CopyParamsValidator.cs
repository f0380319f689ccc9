using Converge.Modules.Common;
using FluentValidation;

namespace Converge.Modules.Copy;

public sealed class CopyParamsValidator : AbstractValidator<CopyParams>
{
    public CopyParamsValidator()
    {
        RuleFor(p => p).Must(p => (p.Src is null) != (p.Content is null)).WithMessage("give exactly one of src and content");
        RuleFor(p => p.Dest).Must(PathRules.IsAbsolute).WithMessage("dest must be absolute (it is a path on the host)");
        RuleFor(p => p.Dest).Must(d => !d.EndsWith('/')).WithMessage("dest must name the file, not a directory (copying into a directory is not supported)");
        RuleFor(p => p.Validate).Must(FileValidation.IsValid).When(p => p.Validate is not null).WithMessage(FileValidation.Message);
        RuleFor(p => p.Mode).Must(FileModes.IsValid).When(p => p.Mode is not null).WithMessage(PathRules.ModeMessage);
    }
}
