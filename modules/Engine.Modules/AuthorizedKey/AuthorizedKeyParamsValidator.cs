using Converge.Modules.Accounts;
using FluentValidation;

namespace Converge.Modules.AuthorizedKey;

public sealed class AuthorizedKeyParamsValidator : AbstractValidator<AuthorizedKeyParams>
{
    public AuthorizedKeyParamsValidator()
    {
        RuleFor(p => p.User).Matches(AccountNames.Pattern).WithMessage(p => $"'{p.User}' is not a user name");
        RuleFor(p => p.State).Must(s => s is "present" or "absent").WithMessage(p => $"state must be present or absent, not '{p.State}'");
        RuleFor(p => p.Key).Must(k => !k.TrimStart().StartsWith("http", StringComparison.Ordinal))
            .WithMessage("a key from a URL is not fetched by authorized_key here: fetch it first (uri with return_content, or a lookup) and pass the text");
        RuleFor(p => p.Key).Must(k => AuthorizedKeysFile.GivenKeys(k).All(l => AuthorizedKeysFile.Parse(l, 0) is { IsKey: true }))
            .WithMessage(p => $"invalid key specified: {AuthorizedKeysFile.GivenKeys(p.Key).FirstOrDefault(l => AuthorizedKeysFile.Parse(l, 0) is not { IsKey: true })}");
        RuleFor(p => p.Path).Must(p => p!.StartsWith('/') || p.StartsWith('~')).When(p => p.Path is not null).WithMessage(p => $"path must be absolute, not '{p.Path}'");
    }
}
