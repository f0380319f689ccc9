using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Converge.Core.Diagnostics;
using Converge.Core.Modules;
using Converge.Core.Secrets;
using Converge.Core.Yaml;
using FluentValidation;
using YamlDotNet.RepresentationModel;

namespace Converge.Core.Binding;

/// <summary>Reflection over params records and the collection types they may use.</summary>
public sealed partial class ParamsBinder
{
    private static YamlNode? FindKey(YamlMappingNode mapping, string key) =>
        mapping.Children.Keys.FirstOrDefault(k => YamlValues.KeyText(k) == key);

    private static IReadOnlyDictionary<string, PropertyInfo> Properties(Type type) => ParamsShape.Of(type).Properties;

    private static IReadOnlyList<string> Keys(Type type) => ParamsShape.Of(type).Keys;

    private static Type Nullable(Type type) => System.Nullable.GetUnderlyingType(type) ?? type;

    private static bool IsRecord(Type type)
    {
        var target = Nullable(type);
        return target.IsClass && target != typeof(string) && target != typeof(object) && target != typeof(Secret) && target.GetConstructor(Type.EmptyTypes) is not null;
    }

    /// <summary>The element type of a params list (array, List, IReadOnlyList, ...), or null.</summary>
    internal static Type? ElementType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() is var g
            && (g == typeof(IReadOnlyList<>) || g == typeof(List<>) || g == typeof(IList<>) || g == typeof(IEnumerable<>) || g == typeof(IReadOnlyCollection<>)))
        {
            return type.GetGenericArguments()[0];
        }

        return null;
    }

    /// <summary>The value type of a params map keyed by string, or null.</summary>
    internal static Type? DictionaryValueType(Type type)
    {
        if (type.IsGenericType && type.GetGenericTypeDefinition() is var g
            && (g == typeof(IReadOnlyDictionary<,>) || g == typeof(Dictionary<,>) || g == typeof(IDictionary<,>))
            && type.GetGenericArguments()[0] == typeof(string))
        {
            return type.GetGenericArguments()[1];
        }

        return null;
    }

    private static object MakeList(Type listType, Type element, IEnumerable<object?> items)
    {
        var list = NewList(element);
        foreach (var item in items)
        {
            // An element that did not convert is already a problem of the binding; a list of numbers cannot hold it.
            if (item is not null || !element.IsValueType)
            {
                list.Add(item);
            }
        }

        if (!listType.IsArray)
        {
            return list;
        }

        var array = Array.CreateInstance(element, list.Count);
        list.CopyTo(array, 0);
        return array;
    }

    /// <summary>
    /// The value types a params list may hold. The native build has no JIT, so a list type it did not compile cannot be
    /// made at run time: these are named in <see cref="NewList"/> (so they are compiled), and a list of a reference type
    /// shares one compiled body for every such type. A test walks every module's params against this set.
    /// </summary>
    public static IReadOnlySet<Type> ListValueElements { get; } = new HashSet<Type> { typeof(int), typeof(long), typeof(bool), typeof(double) };

    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "the value-type elements params use are named here (ListValueElements); reference types share canonical code")]
    private static IList NewList(Type element) =>
        element == typeof(string) ? new List<string>()
        : element == typeof(int) ? new List<int>()
        : element == typeof(long) ? new List<long>()
        : element == typeof(bool) ? new List<bool>()
        : element == typeof(double) ? new List<double>()
        : (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;

    private static object MakeDictionary(Type valueType, IEnumerable<(string Key, object? Value)> pairs)
    {
        var dictionary = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(typeof(string), valueType), StringComparer.Ordinal)!;
        foreach (var (key, value) in pairs)
        {
            dictionary[key] = value;
        }

        return dictionary;
    }

    private static string Describe(Type type)
    {
        var target = Nullable(type);
        return target == typeof(string) || target == typeof(Secret) ? "a string"
            : target == typeof(bool) ? "true or false"
            : target == typeof(int) || target == typeof(long) ? "a whole number"
            : target == typeof(double) ? "a number"
            : target.IsEnum ? "one of " + string.Join(", ", Enum.GetNames(target).Select(ParamName.ToKebabCase))
            : ElementType(type) is not null ? "a list"
            : "a mapping";
    }

    private static string YamlReaderDescribe(YamlNode node) => node switch
    {
        YamlMappingNode => "mapping",
        YamlSequenceNode => "list",
        _ => "string",
    };
}
