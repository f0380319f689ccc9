using Converge.Modules.Common;
using FluentValidation;

namespace Converge.Modules.Unarchive;

public sealed class UnarchiveParamsValidator : AbstractValidator<UnarchiveParams>
{
    public UnarchiveParamsValidator()
    {
        RuleFor(p => p.Src).NotEmpty().WithMessage("src must name the archive");
        RuleFor(p => p.Src).Must(PathRules.IsAbsolute).When(p => p.RemoteSrc).WithMessage("with remote_src, src must be an absolute path on the host");
        RuleFor(p => p.Src).Must(s => !s.Contains("://", StringComparison.Ordinal))
            .WithMessage("src is a URL: download it first with get_url (checksum pinned), then unarchive it with remote_src: true");
        RuleFor(p => p.Src).Must(ArchiveFormat.IsKnown)
            .WithMessage(p => $"'{p.Src}' is not an archive Converge can read: the name must end in .tar, .tar.gz/.tgz, .tar.bz2/.tbz2, .tar.xz/.txz or .zip");
        RuleFor(p => p.Dest).Must(PathRules.IsAbsolute).WithMessage("dest must be absolute (a directory on the host)");
        RuleFor(p => p.Creates).Must(PathRules.IsAbsolute).When(p => p.Creates is not null).WithMessage("creates must be an absolute path on the host");
        RuleFor(p => p.Mode).Must(FileModes.IsValid).When(p => p.Mode is not null).WithMessage(PathRules.ModeMessage);
    }
}
