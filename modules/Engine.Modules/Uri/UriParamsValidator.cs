using FluentValidation;

namespace Converge.Modules.Uri;

public sealed class UriParamsValidator : AbstractValidator<UriParams>
{
    public static readonly IReadOnlyList<string> Formats = ["raw", "json", "form-urlencoded"];

    public static readonly IReadOnlyList<string> Redirects = ["safe", "all", "yes", "urllib2", "none", "no"];

    public UriParamsValidator()
    {
        RuleFor(p => p.Url).Must(u => u.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || u.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            .WithMessage(p => $"url must be http:// or https://, not '{p.Url}'");
        RuleFor(p => p.Method).Matches("^[A-Za-z]+$").WithMessage(p => $"method must be an HTTP method (GET, POST, PUT, DELETE, …), not '{p.Method}'");
        RuleFor(p => p.BodyFormat).Must(Formats.Contains).WithMessage(p => $"body_format must be one of {string.Join(", ", Formats)}, not '{p.BodyFormat}'");
        RuleFor(p => p.Body).Must(b => b is IDictionary<string, object?> or IReadOnlyDictionary<string, object?>).When(p => p.BodyFormat == "form-urlencoded" && p.Body is not null and not string)
            .WithMessage("body must be a mapping (or an already encoded string) with body_format: form-urlencoded");
        RuleFor(p => p.FollowRedirects).Must(Redirects.Contains).WithMessage(p => $"follow_redirects must be one of {string.Join(", ", Redirects)}, not '{p.FollowRedirects}'");
        RuleFor(p => p.StatusCode).NotEmpty();
        RuleFor(p => p.Timeout).GreaterThan(0);
        RuleFor(p => p.UrlPassword).Null().When(p => p.UrlUsername is null).WithMessage("url_password needs url_username");
        RuleFor(p => p).Must(p => p.Creates?.StartsWith('/') != false && p.Removes?.StartsWith('/') != false).WithMessage("creates and removes must be absolute paths on the host");
    }
}
