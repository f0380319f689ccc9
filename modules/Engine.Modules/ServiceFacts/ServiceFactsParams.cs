namespace Converge.Modules.ServiceFacts;

/// <summary>Params of <c>service_facts</c>: none, as in Ansible.</summary>
public sealed record ServiceFactsParams
{
}
