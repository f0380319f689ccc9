using System.Text.RegularExpressions;
using Converge.Modules.Common;
using FluentValidation;

namespace Converge.Modules.BlockInFile;

public sealed class BlockInFileParamsValidator : AbstractValidator<BlockInFileParams>
{
    public BlockInFileParamsValidator()
    {
        RuleFor(p => p.Path).Must(PathRules.IsAbsolute).WithMessage(PathRules.AbsoluteMessage);
        RuleFor(p => p.State).Must(s => s is "present" or "absent").WithMessage(p => $"state must be present or absent, not '{p.State}'");
        RuleFor(p => p.Marker).Must(m => m.Contains("{mark}", StringComparison.Ordinal) && !m.Contains('\n'))
            .WithMessage("marker must be one line containing {mark} (e.g. '# {mark} ANSIBLE MANAGED BLOCK'), or both markers would be the same line");
        RuleFor(p => p).Must(p => p.MarkerBegin != p.MarkerEnd).WithMessage("marker_begin and marker_end must differ");
        RuleFor(p => p).Must(p => p.InsertAfter is null || p.InsertBefore is null).WithMessage("give at most one of insertafter and insertbefore");
        RuleFor(p => p.InsertAfter).Must(IsRegex!).When(p => p.InsertAfter is not null and not "EOF").WithMessage("insertafter is not a valid regular expression");
        RuleFor(p => p.InsertBefore).Must(IsRegex!).When(p => p.InsertBefore is not null and not "BOF").WithMessage("insertbefore is not a valid regular expression");
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
