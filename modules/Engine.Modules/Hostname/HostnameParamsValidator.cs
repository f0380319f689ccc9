using FluentValidation;

namespace Converge.Modules.Hostname;

public sealed class HostnameParamsValidator : AbstractValidator<HostnameParams>
{
    public static readonly IReadOnlyList<string> Strategies = ["auto", "systemd", "debian", "generic"];

    public HostnameParamsValidator()
    {
        // RFC 1123 labels, as hostname(7) describes; at most 64 characters (HOST_NAME_MAX).
        RuleFor(p => p.Name).Matches(@"^(?=.{1,64}$)[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$")
            .WithMessage(p => $"'{p.Name}' is not a valid host name (letters, digits, '-' and '.' separated labels, at most 64 characters)");
        RuleFor(p => p.Use).Must(Strategies.Contains)
            .WithMessage(p => $"use must be one of {string.Join(", ", Strategies)}, not '{p.Use}' (Converge manages Debian-family hosts)");
    }
}
