using FluentValidation;

namespace Converge.Modules.ServiceFacts;

/// <summary>service_facts takes no parameters; the binder already refuses any key, so there is nothing more to check.</summary>
public sealed class ServiceFactsParamsValidator : AbstractValidator<ServiceFactsParams>
{
}
