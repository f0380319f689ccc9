using Converge.Modules.Common;
using FluentValidation;

namespace Converge.Modules.Files;

public sealed class FileParamsValidator : AbstractValidator<FileParams>
{
    public static readonly IReadOnlyList<string> States = ["file", "directory", "absent", "touch"];

    public FileParamsValidator()
    {
        RuleFor(p => p.Path).Must(PathRules.IsAbsolute).WithMessage(PathRules.AbsoluteMessage);
        RuleFor(p => p.State).Must(States.Contains).WithMessage(p => $"state must be one of {string.Join(", ", States)}, not '{p.State}'");
        RuleFor(p => p.Content).Null().When(p => p.State != "file").WithMessage(p => $"content needs state: file (state is {p.State})");
        RuleFor(p => p.Mode).Must(FileModes.IsValid).When(p => p.Mode is not null).WithMessage(PathRules.ModeMessage);
        RuleFor(p => p).Must(p => p.Mode is null && p.Owner is null && p.Group is null).When(p => p.State == "absent")
            .WithMessage("mode, owner and group do not apply to state: absent");
    }
}
