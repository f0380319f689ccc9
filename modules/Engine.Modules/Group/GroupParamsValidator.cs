using Converge.Modules.Accounts;
using FluentValidation;

namespace Converge.Modules.Group;

public sealed class GroupParamsValidator : AbstractValidator<GroupParams>
{
    public GroupParamsValidator()
    {
        RuleFor(p => p.Name).Matches(AccountNames.Pattern).WithMessage(p => $"'{p.Name}' is not a valid group name (letters, digits, '_', '.', '-'; at most 32)");
        RuleFor(p => p.State).Must(s => s is "present" or "absent").WithMessage(p => $"state must be present or absent, not '{p.State}'");
        RuleFor(p => p.Gid).InclusiveBetween(0, 4294967294).When(p => p.Gid is not null).WithMessage(p => $"gid must be 0 to 4294967294, not {p.Gid}");
        RuleFor(p => p.NonUnique).Must(n => !n).When(p => p.Gid is null).WithMessage("non_unique needs a gid");
    }
}
