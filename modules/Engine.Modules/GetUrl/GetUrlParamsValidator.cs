using Converge.Modules.Common;
using Converge.Modules.Stat;
using FluentValidation;

namespace Converge.Modules.GetUrl;

public sealed class GetUrlParamsValidator : AbstractValidator<GetUrlParams>
{
    public GetUrlParamsValidator()
    {
        RuleFor(p => p.Url).Must(u => u.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || u.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || u.StartsWith("ftp://", StringComparison.OrdinalIgnoreCase))
            .WithMessage(p => $"url must be http://, https:// or ftp://, not '{p.Url}'");
        RuleFor(p => p.Dest).Must(PathRules.IsAbsolute).WithMessage("dest must be absolute (it is a path on the host)");
        RuleFor(p => p.Checksum).Must(c => GetUrlChecksum.Parse(c!) is not null).When(p => p.Checksum is not null)
            .WithMessage(p => $"checksum must be ALGORITHM:HEX with ALGORITHM one of {string.Join(", ", StatParamsValidator.Algorithms)} (e.g. sha256:9f86d0…), not '{p.Checksum}'; a checksum URL is not supported: put the sum itself");
        RuleFor(p => p.Timeout).GreaterThan(0);
        RuleFor(p => p.Mode).Must(FileModes.IsValid).When(p => p.Mode is not null).WithMessage(PathRules.ModeMessage);
        RuleFor(p => p.UrlPassword).Null().When(p => p.UrlUsername is null).WithMessage("url_password needs url_username");
    }
}
