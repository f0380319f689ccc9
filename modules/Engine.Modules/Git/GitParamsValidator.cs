using FluentValidation;

namespace Converge.Modules.Git;

public sealed class GitParamsValidator : AbstractValidator<GitParams>
{
    public GitParamsValidator()
    {
        RuleFor(p => p.Repo).NotEmpty().WithMessage("repo is required");
        RuleFor(p => p.Dest).Must(Common.PathRules.IsAbsolute).WithMessage(p => $"dest must be an absolute path, not '{p.Dest}'");
        RuleFor(p => p.Version).Matches(@"^[A-Za-z0-9._/@+-]+$").WithMessage(p => $"'{p.Version}' is not a branch, tag or commit");
        RuleFor(p => p.Remote).Matches(@"^[A-Za-z0-9._-]+$").WithMessage(p => $"'{p.Remote}' is not a remote name");
        RuleFor(p => p.Depth).GreaterThan(0).When(p => p.Depth is not null).WithMessage("depth must be 1 or more");
        RuleFor(p => p).Must(p => !(p.AcceptHostkey && p.AcceptNewhostkey)).WithMessage("give accept_hostkey or accept_newhostkey, not both");
        RuleFor(p => p.Refspec).Null().WithMessage("refspec is not supported: Converge fetches every branch and tag of the remote");
        RuleFor(p => p.Archive).Null().WithMessage("archive is not supported: make the archive with a command task from the checkout");
        RuleFor(p => p.VerifyCommit).Equal(false).WithMessage("verify_commit is not supported: no GPG keyring is managed on the host");
        RuleFor(p => p.SeparateGitDir).Null().WithMessage("separate_git_dir is not supported");
    }
}
