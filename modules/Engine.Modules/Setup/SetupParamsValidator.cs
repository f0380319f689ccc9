using Converge.Core.Facts.Gathered;
using FluentValidation;

namespace Converge.Modules.Setup;

public sealed class SetupParamsValidator : AbstractValidator<SetupParams>
{
    public SetupParamsValidator()
    {
        RuleFor(p => p.GatherSubset)
            .Must(s => FactSubsets.Parse(s, out _) is not null)
            .WithMessage(p =>
            {
                FactSubsets.Parse(p.GatherSubset, out var unknown);
                return $"gather_subset: unknown subset '{unknown}'; known: {string.Join(", ", FactSubsets.Known.Order(StringComparer.Ordinal))}";
            });
        RuleFor(p => p.FactPath).Equal("/etc/ansible/facts.d").WithMessage("fact_path: only /etc/ansible/facts.d (Ansible's default) is supported");
        RuleFor(p => p.GatherTimeout).GreaterThan(0).WithMessage("gather_timeout must be a positive number of seconds");
    }
}
