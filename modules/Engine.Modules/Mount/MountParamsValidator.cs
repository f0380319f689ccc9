using FluentValidation;

namespace Converge.Modules.Mount;

public sealed class MountParamsValidator : AbstractValidator<MountParams>
{
    public MountParamsValidator()
    {
        RuleFor(p => p.Path).Must(p => p.StartsWith('/') || p == "none" || p == "swap").WithMessage(p => $"path must be an absolute mount point, not '{p.Path}'");
        RuleFor(p => p.State).Must(s => s is "present" or "absent" or "mounted" or "unmounted" or "remounted")
            .WithMessage(p => p.State is "absent_from_fstab" or "ephemeral"
                ? $"state {p.State} is not supported (Converge manages fstab entries with present/absent and the live mount with mounted/unmounted/remounted)"
                : $"state must be present, absent, mounted, unmounted or remounted, not '{p.State}'");
        RuleFor(p => p.Src).NotEmpty().When(p => p.State is "present" or "mounted").WithMessage(p => $"src is required with state {p.State}");
        RuleFor(p => p.Fstype).NotEmpty().When(p => p.State is "present" or "mounted").WithMessage(p => $"fstype is required with state {p.State}");
        RuleFor(p => p.Fstab).Must(f => f.StartsWith('/')).WithMessage(p => $"fstab must be an absolute path, not '{p.Fstab}'");
        RuleFor(p => new[] { p.Opts, p.Dump, p.Passno }).Must(v => v.All(s => s.Length > 0 && !s.Any(char.IsWhiteSpace))).WithName("opts")
            .WithMessage("opts, dump and passno must be single words");
    }
}
