using Converge.Modules.Common;
using FluentValidation;

namespace Converge.Modules.IniFile;

public sealed class IniFileParamsValidator : AbstractValidator<IniFileParams>
{
    public IniFileParamsValidator()
    {
        RuleFor(p => p.Path).Must(PathRules.IsAbsolute).WithMessage(PathRules.AbsoluteMessage);
        RuleFor(p => p.State).Must(s => s is "present" or "absent").WithMessage(p => $"state must be one of present, absent, not '{p.State}'");
        RuleFor(p => p).Must(p => p.Value is null || p.Values is null).WithMessage("give value or values, not both");
        RuleFor(p => p).Must(p => p.AllowNoValue || p.Value is not null || p.Values is { Count: > 0 }).When(p => p.State == "present")
            .WithMessage("value (or values) is required with state: present unless allow_no_value is true");
        RuleFor(p => p.Mode).Must(FileModes.IsValid).When(p => p.Mode is not null).WithMessage(PathRules.ModeMessage);
    }
}
