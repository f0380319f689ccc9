using FluentValidation;

namespace Converge.Modules.Deb822Repository;

public sealed class Deb822RepositoryParamsValidator : AbstractValidator<Deb822RepositoryParams>
{
    public Deb822RepositoryParamsValidator()
    {
        RuleFor(p => p.Name).Must(n => Deb822Source.Slug(n).Length > 0).WithMessage(p => $"name '{p.Name}' has no letters or digits to name the file with");
        RuleFor(p => p.State).Must(s => s is "present" or "absent").WithMessage(p => $"state must be present or absent, not '{p.State}'");
        RuleFor(p => p.Uris).NotEmpty().When(p => p.State == "present").WithMessage("uris is required with state present (e.g. [https://deb.debian.org/debian])");
        RuleFor(p => p.Suites).NotEmpty().When(p => p.State == "present").WithMessage("suites is required with state present (e.g. [bookworm])");
        RuleForEach(p => p.Types).Must(t => t is "deb" or "deb-src").WithMessage((p, t) => $"types holds '{t}': deb or deb-src");
        RuleFor(p => p.SignedBy).Must(s => s!.StartsWith("http://", StringComparison.Ordinal) || s.StartsWith("https://", StringComparison.Ordinal) || s.StartsWith("ftp://", StringComparison.Ordinal))
            .When(p => Deb822RepositoryModule.IsUrl(p.SignedBy)).WithMessage(p => $"signed_by '{p.SignedBy}' is a URL the host cannot fetch: use http://, https:// or ftp://");
        RuleFor(p => p.SignedBy).Must(s => s!.StartsWith('/') || s.Contains("-----BEGIN PGP PUBLIC KEY BLOCK-----", StringComparison.Ordinal)).When(p => p.SignedBy is not null && !Deb822RepositoryModule.IsUrl(p.SignedBy))
            .WithMessage("signed_by must be a URL, an absolute keyring path or an ASCII-armoured key block");
        RuleFor(p => p.Mode).Matches("^0?[0-7]{3,4}$").WithMessage(p => $"mode must be octal like 0644, not '{p.Mode}'");
    }
}
