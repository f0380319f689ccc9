using FluentValidation;

namespace Converge.Core.Tests.Support;

internal sealed class WordedValidator : AbstractValidator<TestParams>
{
    public WordedValidator(string wording) => RuleFor(p => p.Count).LessThan(10).WithMessage(wording);
}
