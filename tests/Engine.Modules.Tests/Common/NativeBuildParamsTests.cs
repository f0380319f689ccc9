using System.Reflection;
using Converge.Core.Binding;

namespace Converge.Modules.Tests.Common;

/// <summary>
/// The native build cannot make a list type at run time that it did not compile: every list of a value type that any
/// module's params hold (at any depth) must be one ParamsBinder names, and a map's values must be reference types.
/// Lists and maps are recognised by the binder's own rules.
/// </summary>
public sealed class NativeBuildParamsTests
{
    [Fact]
    public void Every_list_and_map_in_every_modules_params_can_be_built_by_the_native_build()
    {
        var registry = BuiltinCatalog.Modules();
        var problems = new List<string>();
        var seen = new HashSet<Type>();
        foreach (var name in registry.Names)
        {
            Walk(registry.Get(name).ParamsType, name, seen, problems);
        }

        Assert.True(seen.Count > 50, $"only {seen.Count} params types were walked: the walk no longer reaches the modules");
        Assert.True(problems.Count == 0, "add these element types to ParamsBinder.ListValueElements and NewList:\n" + string.Join('\n', problems));
    }

    private static void Walk(Type type, string path, HashSet<Type> seen, List<string> problems)
    {
        if (type == typeof(string) || type.IsPrimitive || type.IsEnum || !seen.Add(type))
        {
            return;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var where = path + "." + property.Name;
            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (ParamsBinder.ElementType(propertyType) is { } element)
            {
                if (element.IsValueType && !ParamsBinder.ListValueElements.Contains(element))
                {
                    problems.Add($"{where}: a list of {element}");
                }

                Walk(element, where + "[]", seen, problems);
            }
            else if (ParamsBinder.DictionaryValueType(propertyType) is { } value)
            {
                if (value.IsValueType)
                {
                    problems.Add($"{where}: a map of {value}");
                }

                Walk(value, where + "{}", seen, problems);
            }
            else if (propertyType.IsClass && propertyType.Namespace?.StartsWith("Converge", StringComparison.Ordinal) == true)
            {
                Walk(propertyType, where, seen, problems);
            }
        }
    }
}
