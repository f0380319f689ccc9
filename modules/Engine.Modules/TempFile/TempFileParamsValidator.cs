using Converge.Modules.Common;
using FluentValidation;

namespace Converge.Modules.TempFile;

public sealed class TempFileParamsValidator : AbstractValidator<TempFileParams>
{
    public TempFileParamsValidator()
    {
        RuleFor(p => p.State).Must(s => s is "file" or "directory").WithMessage(p => $"state must be one of file, directory, not '{p.State}'");
        RuleFor(p => p.Path).Must(PathRules.IsAbsolute).When(p => p.Path is not null).WithMessage(PathRules.AbsoluteMessage);
        RuleFor(p => p).Must(p => !p.Prefix.Contains('/') && !p.Suffix.Contains('/')).WithMessage("prefix and suffix are parts of a file name and cannot contain '/'");
    }
}
