namespace Converge.Modules.Fail;

/// <summary>Params of <c>fail</c> (Ansible's): the message the task fails with.</summary>
public sealed record FailParams
{
    public string Msg { get; init; } = "Failed as requested from task";
}
