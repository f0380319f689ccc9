using FluentValidation;

namespace Converge.Modules.KnownHosts;

public sealed class KnownHostsParamsValidator : AbstractValidator<KnownHostsParams>
{
    public KnownHostsParamsValidator()
    {
        RuleFor(p => p.Name).NotEmpty().WithMessage("name is required (the host, e.g. github.com or [git.example]:2222)");
        RuleFor(p => p.State).Must(s => s is "present" or "absent").WithMessage(p => $"state must be present or absent, not '{p.State}'");
        RuleFor(p => p.Key).NotEmpty().When(p => p.State == "present").WithMessage("key is required with state present (a line as ssh-keyscan prints it: 'host ssh-ed25519 AAAA…')");
        RuleFor(p => p.Key).Must(k => KnownHostsLine.Parse(k!) is not null).When(p => !string.IsNullOrEmpty(p.Key))
            .WithMessage("key must be one line 'host keytype base64-key', as ssh-keyscan prints it");
        RuleFor(p => p.Key).Must((p, k) => KnownHostsLine.Parse(k!) is not { } line || line.Matches(p.Name!.ToLowerInvariant()))
            .When(p => !string.IsNullOrEmpty(p.Key) && !string.IsNullOrEmpty(p.Name))
            .WithMessage(p => $"the key's host field does not name '{p.Name}' (the key line must start with the host it is for)");
        RuleFor(p => p.Path).Must(p => p.StartsWith('/') || p.StartsWith("~/", StringComparison.Ordinal))
            .WithMessage(p => $"path must be absolute or start with ~/, not '{p.Path}'");
    }
}
