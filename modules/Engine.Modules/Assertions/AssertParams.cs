using Converge.Core.Modules;

namespace Converge.Modules.Assertions;

/// <summary>Params of <c>assert</c>: conditions (Jinja expressions, e.g. <c>mtu == 1462</c>) that must all hold.</summary>
public sealed record AssertParams
{
    /// <summary>The conditions, evaluated in order; the first false one fails the task.</summary>
    public required IReadOnlyList<string> That { get; init; }

    /// <summary>The failure message; the failed condition is appended to it.</summary>
    [ParamAlias("msg")]
    public string? FailMsg { get; init; }

    /// <summary>The message when every condition holds.</summary>
    public string? SuccessMsg { get; init; }

    /// <summary>Keep the success output short (Ansible's <c>quiet</c>).</summary>
    public bool Quiet { get; init; }
}
