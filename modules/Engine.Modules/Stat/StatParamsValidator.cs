using Converge.Modules.Common;
using FluentValidation;

namespace Converge.Modules.Stat;

public sealed class StatParamsValidator : AbstractValidator<StatParams>
{
    public static readonly IReadOnlyList<string> Algorithms = ["md5", "sha1", "sha224", "sha256", "sha384", "sha512"];

    public StatParamsValidator()
    {
        RuleFor(p => p.Path).Must(PathRules.IsAbsolute).WithMessage(PathRules.AbsoluteMessage);
        RuleFor(p => p.ChecksumAlgorithm).Must(Algorithms.Contains)
            .WithMessage(p => $"checksum_algorithm must be one of {string.Join(", ", Algorithms)}, not '{p.ChecksumAlgorithm}'");
    }
}
