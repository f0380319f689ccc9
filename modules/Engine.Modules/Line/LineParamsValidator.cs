using System.Text.RegularExpressions;
using Converge.Modules.Common;
using FluentValidation;

namespace Converge.Modules.Line;

public sealed class LineParamsValidator : AbstractValidator<LineParams>
{
    public LineParamsValidator()
    {
        RuleFor(p => p.Path).Must(PathRules.IsAbsolute).WithMessage(PathRules.AbsoluteMessage);
        RuleFor(p => p.State).Must(s => s is "present" or "absent").WithMessage(p => $"state must be present or absent, not '{p.State}'");
        RuleFor(p => p.Line).NotNull().When(p => p.State == "present").WithMessage("line is required with state: present");
        RuleFor(p => p.Line).Must(l => !l!.Contains('\n')).When(p => p.Line is not null).WithMessage("line must be a single line (no newline)");
        RuleFor(p => p).Must(p => p.Line is not null || p.Regexp is not null || p.SearchString is not null).When(p => p.State == "absent")
            .WithMessage("state: absent needs line, regexp or search_string");
        RuleFor(p => p).Must(p => p.InsertAfter is null || p.InsertBefore is null).WithMessage("give at most one of insertafter and insertbefore");
        RuleFor(p => p.Regexp).Must(IsRegex!).When(p => p.Regexp is not null).WithMessage(p => $"regexp is not a valid regular expression: {p.Regexp}");
        RuleFor(p => p.InsertAfter).Must(IsRegex!).When(p => p.InsertAfter is not null and not "EOF").WithMessage("insertafter is not a valid regular expression");
        RuleFor(p => p.InsertBefore).Must(IsRegex!).When(p => p.InsertBefore is not null and not "BOF").WithMessage("insertbefore is not a valid regular expression");
        RuleFor(p => p).Must(p => p.Regexp is null || p.SearchString is null).WithMessage("give at most one of regexp and search_string");
        RuleFor(p => p.Backrefs).Equal(false).When(p => p.Regexp is null || p.State != "present").WithMessage("backrefs needs regexp and state: present");
        RuleFor(p => p.Validate).Must(FileValidation.IsValid).When(p => p.Validate is not null).WithMessage(FileValidation.Message);
        RuleFor(p => p.Mode).Must(FileModes.IsValid).When(p => p.Mode is not null).WithMessage(PathRules.ModeMessage);
    }

    private static bool IsRegex(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
