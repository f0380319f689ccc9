using Converge.Modules.Common;
using FluentValidation;

namespace Converge.Modules.Copy;

public sealed class CopyParamsValidator : AbstractValidator<CopyParams>
{
    public CopyParamsValidator()
    {
        RuleFor(p => p).Must(p => (p.Src is null) != (p.Content is null)).WithMessage("give exactly one of src and content");
        RuleFor(p => p.Dest).Must(PathRules.IsAbsolute).WithMessage("dest must be absolute (it is a path on the host)");
        RuleFor(p => p.Dest).Must(d => !d.EndsWith('/')).When(p => p.Content is not null).WithMessage("with content, dest must name the file, not a directory");
        RuleFor(p => p.Src).Must(PathRules.IsAbsolute).When(p => p.RemoteSrc && p.Src is not null).WithMessage("with remote_src, src must be an absolute path on the host");
        RuleFor(p => p.RemoteSrc).Equal(false).When(p => p.Content is not null).WithMessage("remote_src needs src, not content");
        RuleFor(p => p.LocalFollow).Equal(true).WithMessage("local_follow: false (copying controller symlinks as links) is not supported; links are copied as the files they point to");
        RuleFor(p => p.Validate).Must(FileValidation.IsValid).When(p => p.Validate is not null).WithMessage(FileValidation.Message);
        RuleFor(p => p.Mode).Must(FileModes.IsValid).When(p => p.Mode is not null and not CopyItem.Preserve).WithMessage(PathRules.ModeMessage);
        RuleFor(p => p.DirectoryMode).Must(FileModes.IsValid).When(p => p.DirectoryMode is not null).WithMessage(PathRules.ModeMessage.Replace("mode must", "directory_mode must", StringComparison.Ordinal));
    }
}
