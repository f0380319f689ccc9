using FluentValidation;

namespace Converge.Modules.AptRepository;

public sealed class AptRepositoryParamsValidator : AbstractValidator<AptRepositoryParams>
{
    public AptRepositoryParamsValidator()
    {
        RuleFor(p => p.Repo).Must(r => !r.StartsWith("ppa:", StringComparison.Ordinal))
            .WithMessage("ppa: sources are not supported (they need Launchpad's API, unreachable here); write the deb line and add its key with apt_key or deb822_repository");
        RuleFor(p => p.Repo).Must(r => SourceLine.Parse(r) is not null).When(p => !p.Repo.StartsWith("ppa:", StringComparison.Ordinal))
            .WithMessage(p => $"repo '{p.Repo}' is not a source line: 'deb|deb-src [options] URI SUITE [COMPONENT…]'");
        RuleFor(p => p.State).Must(s => s is "present" or "absent").WithMessage(p => $"state must be present or absent, not '{p.State}'");
        RuleFor(p => p.Mode).Matches("^0?[0-7]{3,4}$").WithMessage(p => $"mode must be octal like 0644, not '{p.Mode}'");
        RuleFor(p => p.Filename).Matches("^[A-Za-z0-9_.-]+$").When(p => p.Filename is not null)
            .WithMessage(p => $"filename '{p.Filename}' must be a plain file name (without .list)");
    }
}
