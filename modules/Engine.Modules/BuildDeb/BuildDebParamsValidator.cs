using FluentValidation;

namespace Converge.Modules.BuildDeb;

public sealed class BuildDebParamsValidator : AbstractValidator<BuildDebParams>
{
    public static readonly IReadOnlyList<string> Builders = ["rules", "dpkg-buildpackage"];

    public BuildDebParamsValidator()
    {
        RuleFor(p => p).Must(p => (p.Src is null) != (p.Tarball is null)).WithMessage("give exactly one of src (a tree on the build host) and tarball (a file on the controller)");
        RuleFor(p => p.Src).Must(s => s!.StartsWith('/')).When(p => p.Src is not null).WithMessage("src must be an absolute path on the build host");
        RuleFor(p => p.WorkDir).Must(w => w!.StartsWith('/') && w.TrimEnd('/').Length > 1).When(p => p.WorkDir is not null).WithMessage("work_dir must be an absolute path other than /");
        RuleFor(p => p.Builder).Must(Builders.Contains).WithMessage(p => $"builder must be one of {string.Join(", ", Builders)}, not '{p.Builder}'");
        RuleFor(p => p.Command).Must(c => c!.Count > 0).When(p => p.Command is not null).WithMessage("command must name at least the program");
        RuleFor(p => p.Parallel).GreaterThan(0).When(p => p.Parallel is not null).WithMessage("parallel must be 1 or more");
        RuleFor(p => p.StripComponents).GreaterThanOrEqualTo(0).WithMessage("strip_components must be 0 or more");
        RuleFor(p => p.Patterns).NotEmpty().WithMessage("patterns must list at least one glob");
        RuleForEach(p => p.Patterns).Must(g => g.Length > 0 && !g.Contains('/')).WithMessage((_, g) => $"pattern '{g}' must be a file name glob without '/'");
        RuleFor(p => p.Timeout).GreaterThan(0).WithMessage("timeout must be 1 or more seconds");
    }
}
