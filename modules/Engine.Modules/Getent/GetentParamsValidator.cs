using FluentValidation;

namespace Converge.Modules.Getent;

public sealed class GetentParamsValidator : AbstractValidator<GetentParams>
{
    public GetentParamsValidator()
    {
        RuleFor(p => p.Database).Matches("^[a-z][a-z0-9_]*$").WithMessage(p => $"database must be a getent database name such as passwd, group or hosts, not '{p.Database}'");
        RuleFor(p => p.Key).NotEmpty().When(p => p.Key is not null).WithMessage("key must not be empty (leave it out to read the whole database)");
        RuleFor(p => p.Service).Matches("^[A-Za-z0-9_-]+$").When(p => p.Service is not null).WithMessage(p => $"service must be an NSS service name such as files or systemd, not '{p.Service}'");
        RuleFor(p => p.Split).NotEmpty().When(p => p.Split is not null).WithMessage("split must not be empty");
    }
}
