using FluentValidation;

namespace Converge.Modules.Debconf;

public sealed class DebconfParamsValidator : AbstractValidator<DebconfParams>
{
    public static readonly IReadOnlyList<string> Types = ["boolean", "error", "multiselect", "note", "password", "seen", "select", "string", "text", "title"];

    public DebconfParamsValidator()
    {
        RuleFor(p => p.Name).Matches("^[a-z0-9][a-z0-9+.-]*$").WithMessage(p => $"'{p.Name}' is not a package name");
        RuleFor(p => p).Must(p => (p.Question is null) == (p.Vtype is null) && (p.Question is null) == (p.Value is null))
            .WithMessage("question, vtype and value go together: give all three, or none to only read the package's answers");
        RuleFor(p => p.Vtype).Must(t => Types.Contains(t!)).When(p => p.Vtype is not null)
            .WithMessage(p => $"vtype must be one of {string.Join(", ", Types)}, not '{p.Vtype}'");
    }
}
