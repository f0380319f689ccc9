using Converge.Modules.Common;
using FluentValidation;

namespace Converge.Modules.Files;

public sealed class FileParamsValidator : AbstractValidator<FileParams>
{
    public static readonly IReadOnlyList<string> States = ["file", "directory", "absent", "touch", "link", "hard"];

    public FileParamsValidator()
    {
        RuleFor(p => p.Path).Must(PathRules.IsAbsolute).WithMessage(PathRules.AbsoluteMessage);
        RuleFor(p => p.State).Must(States.Contains).WithMessage(p => $"state must be one of {string.Join(", ", States)}, not '{p.State}'");
        RuleFor(p => p.Content).Null().When(p => p.State != "file").WithMessage(p => $"content needs state: file (state is {p.State})");
        RuleFor(p => p.Mode).Must(FileModes.IsValid).When(p => p.Mode is not null).WithMessage(PathRules.ModeMessage);
        RuleFor(p => p).Must(p => p.Mode is null && p.Owner is null && p.Group is null).When(p => p.State == "absent")
            .WithMessage("mode, owner and group do not apply to state: absent");
        RuleFor(p => p.Src).NotEmpty().When(p => p.State is "link" or "hard").WithMessage(p => $"state: {p.State} needs src (what the link points to)");
        RuleFor(p => p.Src).Null().When(p => p.State is not ("link" or "hard")).WithMessage(p => $"src needs state: link or hard (state is {p.State})");
        RuleFor(p => p.Recurse).Equal(false).When(p => p.State is not ("directory" or "file")).WithMessage(p => $"recurse needs state: directory (state is {p.State})");
        RuleFor(p => p.ModificationTimeFormat).Must(FileTimes.IsValidFormat).WithMessage(FileTimes.FormatMessage);
        RuleFor(p => p.AccessTimeFormat).Must(FileTimes.IsValidFormat).WithMessage(FileTimes.FormatMessage);
        RuleFor(p => p.ModificationTime).Must((p, v) => FileTimes.IsValid(v, p.ModificationTimeFormat))
            .WithMessage(p => $"modification_time must be preserve, now, or a time in modification_time_format ({p.ModificationTimeFormat}), not '{p.ModificationTime}'");
        RuleFor(p => p.AccessTime).Must((p, v) => FileTimes.IsValid(v, p.AccessTimeFormat))
            .WithMessage(p => $"access_time must be preserve, now, or a time in access_time_format ({p.AccessTimeFormat}), not '{p.AccessTime}'");
        RuleFor(p => p).Must(p => p.ModificationTime == FileTimes.Preserve && p.AccessTime == FileTimes.Preserve).When(p => p.State is "absent" or "link" or "hard")
            .WithMessage(p => $"modification_time and access_time do not apply to state: {p.State} in Converge");
    }
}
