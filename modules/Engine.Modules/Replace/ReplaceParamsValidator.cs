using System.Text.RegularExpressions;
using Converge.Modules.Common;
using FluentValidation;

namespace Converge.Modules.Replace;

public sealed class ReplaceParamsValidator : AbstractValidator<ReplaceParams>
{
    public ReplaceParamsValidator()
    {
        RuleFor(p => p.Path).Must(PathRules.IsAbsolute).WithMessage(PathRules.AbsoluteMessage);
        RuleFor(p => p.Regexp).Must(IsRegex).WithMessage(p => $"regexp is not a valid regular expression: {p.Regexp}");
        RuleFor(p => p.After).Must(IsRegex!).When(p => p.After is not null).WithMessage("after is not a valid regular expression");
        RuleFor(p => p.Before).Must(IsRegex!).When(p => p.Before is not null).WithMessage("before is not a valid regular expression");
        RuleFor(p => p.Validate).Must(FileValidation.IsValid).When(p => p.Validate is not null).WithMessage(FileValidation.Message);
        RuleFor(p => p.Mode).Must(FileModes.IsValid).When(p => p.Mode is not null).WithMessage(PathRules.ModeMessage);
    }

    private static bool IsRegex(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.Multiline, TimeSpan.FromSeconds(1));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
