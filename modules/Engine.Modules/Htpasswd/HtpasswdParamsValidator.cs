using Converge.Modules.Common;
using FluentValidation;

namespace Converge.Modules.Htpasswd;

public sealed class HtpasswdParamsValidator : AbstractValidator<HtpasswdParams>
{
    public static readonly IReadOnlyList<string> Schemes = ["apr_md5_crypt", "md5_crypt"];

    public HtpasswdParamsValidator()
    {
        RuleFor(p => p.Path).Must(PathRules.IsAbsolute).WithMessage("path must be an absolute path on the host");
        RuleFor(p => p.Name).Matches("^[^:\n]+$").WithMessage("name must be a user name without ':' or a line break");
        RuleFor(p => p.State).Must(s => s is "present" or "absent").WithMessage(p => $"state must be one of present, absent, not '{p.State}'");
        RuleFor(p => p.Password).NotNull().When(p => p.State == "present").WithMessage("password is required with state present");
        RuleFor(p => p.HashScheme).Must(Schemes.Contains)
            .WithMessage(p => $"hash_scheme '{p.HashScheme}' is not supported: Converge hashes on the controller with apr_md5_crypt (Apache's default, $apr1$) or md5_crypt; bcrypt, sha256_crypt and sha512_crypt are not implemented");
        RuleFor(p => p.Mode).Must(FileModes.IsValid).When(p => p.Mode is not null).WithMessage(PathRules.ModeMessage);
    }
}
