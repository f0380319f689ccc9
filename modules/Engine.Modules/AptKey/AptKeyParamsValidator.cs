using Converge.Modules.Common;
using FluentValidation;

namespace Converge.Modules.AptKey;

public sealed class AptKeyParamsValidator : AbstractValidator<AptKeyParams>
{
    public AptKeyParamsValidator()
    {
        RuleFor(p => p).Must(p => new[] { p.Data, p.File, p.Url }.Count(s => s is not null) <= 1).WithMessage("give at most one of data, file and url");
        RuleFor(p => p).Must(p => p.Data is not null || p.File is not null || p.Url is not null).When(p => p.State == "present")
            .WithMessage("state: present needs the key: data, file or url (Converge reads no keyserver)");
        RuleFor(p => p).Must(p => p.Id is not null || p.Keyring is not null).When(p => p.State == "absent")
            .WithMessage("state: absent needs id or keyring (which key file to remove)");
        RuleFor(p => p.Id).Matches("^(0x)?([0-9A-Fa-f]{8}|[0-9A-Fa-f]{16}|[0-9A-Fa-f]{40})$").When(p => p.Id is not null)
            .WithMessage(p => $"id must be a key id of 8 or 16 hex digits or a 40-digit fingerprint, not '{p.Id}'");
        RuleFor(p => p.State).Must(s => s is "present" or "absent").WithMessage(p => $"state must be present or absent, not '{p.State}'");
        RuleFor(p => p.Keyring).Must(PathRules.IsAbsolute).When(p => p.Keyring is not null).WithMessage("keyring must be an absolute path on the host");
        RuleFor(p => p.File).Must(PathRules.IsAbsolute).When(p => p.File is not null).WithMessage("file must be an absolute path on the host");
        RuleFor(p => p.ValidateCerts).Equal(true).WithMessage("validate_certs: false is not supported: a key fetched without TLS verification cannot be trusted");
    }
}
