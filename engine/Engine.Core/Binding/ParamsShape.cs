using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Reflection;
using System.Runtime.CompilerServices;
using Converge.Core.Modules;

namespace Converge.Core.Binding;

/// <summary>
/// What binding needs to know of a params type, read by reflection once per type: a run binds every task's params
/// on every host (twice: to plan its facts, then to run it), and reading properties and their attributes each
/// time was a measurable share of the controller's CPU per host (issue 14).
/// </summary>
internal sealed record ParamsShape(
    FrozenDictionary<string, PropertyInfo> Properties,
    IReadOnlyList<string> Keys,
    PropertyInfo? Extra,
    PropertyInfo? FreeForm,
    IReadOnlyList<PropertyInfo> Required)
{
    private static readonly ConcurrentDictionary<Type, ParamsShape> Shapes = new();

    public static ParamsShape Of(Type type) => Shapes.GetOrAdd(type, Read);

    private static ParamsShape Read(Type type)
    {
        var writable = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).ToList();
        var byKey = new Dictionary<string, PropertyInfo>(StringComparer.Ordinal);
        foreach (var property in writable)
        {
            byKey[ParamName.ToSnakeCase(property.Name)] = property;
            foreach (var alias in property.GetCustomAttribute<ParamAliasAttribute>()?.Names ?? [])
            {
                byKey[alias] = property;
            }
        }

        // The order of byKey's values (the order the properties were declared in), as the binder used to walk them.
        var distinct = byKey.Values.Distinct().ToList();
        return new ParamsShape(
            byKey.ToFrozenDictionary(StringComparer.Ordinal),
            [.. writable.Select(p => ParamName.ToSnakeCase(p.Name))],
            distinct.FirstOrDefault(p => p.GetCustomAttribute<ExtraParamsAttribute>() is not null),
            distinct.FirstOrDefault(p => p.GetCustomAttribute<FreeFormAttribute>() is not null),
            [.. distinct.Where(p => p.GetCustomAttribute<RequiredMemberAttribute>() is not null)]);
    }
}
