namespace Converge.Core.Running;

/// <summary>
/// Thrown through the template engine when a condition reads a value that only the run can tell (a registered result,
/// a <c>set_fact</c> name, a fact not assumed): the condition is then neither true nor false before the run.
/// </summary>
internal sealed class UnknownBeforeRunException(string name) : Exception($"'{name}' is known only when the run reaches it")
{
    public string Name { get; } = name;
}
