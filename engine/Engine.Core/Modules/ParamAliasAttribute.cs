namespace Converge.Core.Modules;

/// <summary>Other YAML keys accepted for a params property, e.g. Ansible's <c>dest</c> and <c>name</c> for <c>path</c>.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ParamAliasAttribute(params string[] names) : Attribute
{
    public IReadOnlyList<string> Names { get; } = names;
}
