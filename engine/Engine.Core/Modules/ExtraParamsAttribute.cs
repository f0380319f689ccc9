namespace Converge.Core.Modules;

/// <summary>
/// Marks a params property of type <c>IReadOnlyDictionary&lt;string, object?&gt;</c> that takes every key the record
/// does not name, rendered like any value: for modules whose keys are the user's own names (<c>set_fact</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ExtraParamsAttribute : Attribute;
