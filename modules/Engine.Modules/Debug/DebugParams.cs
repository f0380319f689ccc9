namespace Converge.Modules.Debug;

/// <summary>Params of <c>debug</c> (Ansible's): print a message or a variable, optionally only at a verbosity.</summary>
public sealed record DebugParams
{
    /// <summary>What to print (any value; templates already rendered). Ansible's default is "Hello world!".</summary>
    public object? Msg { get; init; }

    /// <summary>A variable name or expression to print, e.g. <c>ansible_facts.hostname</c> or <c>result.stdout_lines</c>.</summary>
    public string? Var { get; init; }

    /// <summary>Print only when the run is at least this verbose (<c>-v</c> is 1).</summary>
    public int Verbosity { get; init; }
}
