using System.Text.RegularExpressions;
using FluentValidation;

namespace Converge.Modules.Find;

public sealed class FindParamsValidator : AbstractValidator<FindParams>
{
    public static readonly IReadOnlyList<string> FileTypes = ["any", "directory", "file", "link"];

    public FindParamsValidator()
    {
        RuleFor(p => p.Paths).NotEmpty().WithMessage("paths needs at least one directory");
        RuleForEach(p => p.Paths).Must(p => p.StartsWith('/')).WithMessage("each of paths must be absolute (a directory on the host)");
        RuleFor(p => p.FileType).Must(FileTypes.Contains).WithMessage(p => $"file_type must be one of {string.Join(", ", FileTypes)}, not '{p.FileType}'");
        RuleFor(p => p.AgeStamp).Must(s => s is "mtime" or "atime" or "ctime").WithMessage(p => $"age_stamp must be one of mtime, atime, ctime, not '{p.AgeStamp}'");
        RuleFor(p => p.Age).Must(a => FindFilter.Amount(a!, FindFilter.AgeUnits) is not null).When(p => p.Age is not null)
            .WithMessage(p => $"age '{p.Age}' is not a number with an optional unit s, m, h, d or w (e.g. 2d, -30m)");
        RuleFor(p => p.Size).Must(s => FindFilter.Amount(s!, FindFilter.SizeUnits) is not null).When(p => p.Size is not null)
            .WithMessage(p => $"size '{p.Size}' is not a number with an optional unit b, k, m, g or t (e.g. 10m, -1k)");
        RuleFor(p => p.Depth).GreaterThan(0).When(p => p.Depth is not null);
        RuleForEach(p => p.Patterns).Must(IsRegex).When(p => p.UseRegex)
            .WithMessage((_, pattern) => $"pattern '{pattern}' is not a valid regular expression (use_regex is true)");
        RuleForEach(p => p.Excludes).Must(IsRegex).When(p => p.UseRegex)
            .WithMessage((_, pattern) => $"exclude '{pattern}' is not a valid regular expression (use_regex is true)");
        RuleFor(p => p.Contains).Must(c => IsRegex(c!)).When(p => p.Contains is not null).WithMessage(p => $"contains '{p.Contains}' is not a valid regular expression");
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
