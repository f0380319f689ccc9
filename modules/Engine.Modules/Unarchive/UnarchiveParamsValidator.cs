using Converge.Modules.Common;
using FluentValidation;

namespace Converge.Modules.Unarchive;

public sealed class UnarchiveParamsValidator : AbstractValidator<UnarchiveParams>
{
    public UnarchiveParamsValidator()
    {
        RuleFor(p => p.Src).NotEmpty().WithMessage("src must name the archive");
        RuleFor(p => p.Src).Must(PathRules.IsAbsolute).When(p => p.OnHost && !ArchiveListingFact.IsUrl(p.Src)).WithMessage("with remote_src, src must be an absolute path on the host or a URL");
        RuleFor(p => p.Src).Must(s => s.StartsWith("http://", StringComparison.Ordinal) || s.StartsWith("https://", StringComparison.Ordinal) || s.StartsWith("ftp://", StringComparison.Ordinal))
            .When(p => ArchiveListingFact.IsUrl(p.Src)).WithMessage(p => $"src '{p.Src}' is a URL Converge cannot download: use http://, https:// or ftp://");
        RuleFor(p => p.OnHost).Equal(true).When(p => ArchiveListingFact.IsUrl(p.Src))
            .WithMessage("src is a URL: add remote_src: true, so the host downloads it (as Ansible's unarchive requires)");
        RuleFor(p => p.Src).Must(ArchiveFormat.IsKnown)
            .WithMessage(p => $"'{p.Src}' is not an archive Converge can read: the name must end in .tar, .tar.gz/.tgz, .tar.bz2/.tbz2, .tar.xz/.txz or .zip");
        RuleFor(p => p.Dest).Must(PathRules.IsAbsolute).WithMessage("dest must be absolute (a directory on the host)");
        RuleFor(p => p.Creates).Must(PathRules.IsAbsolute).When(p => p.Creates is not null).WithMessage("creates must be an absolute path on the host");
        RuleFor(p => p.Mode).Must(FileModes.IsValid).When(p => p.Mode is not null).WithMessage(PathRules.ModeMessage);
    }
}
