using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using Converge.Core.Diagnostics;
using Converge.Core.Modules;
using Converge.Core.Secrets;
using Converge.Core.Templates;
using Converge.Core.Yaml;
using FluentValidation;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Converge.Core.Binding;

/// <summary>
/// Binds a task's params node strictly to its module's params record: snake_case keys to init
/// properties, every string rendered through the template engine first. Unknown keys, missing
/// required keys and wrong types are problems with the key's file:line:col; then the module's
/// FluentValidation validator runs and its failures point at the offending key.
/// </summary>
public sealed class ParamsBinder(TemplateEngine templates)
{
    /// <summary>Binds and validates; throws <see cref="BindingException"/> with every problem.</summary>
    public object Bind(IModule module, YamlNode? node, string file, SourceSpan moduleSpan, IReadOnlyDictionary<string, object?> variables)
    {
        var context = new BindContext(file, variables, []);
        var value = BindObject(module.ParamsType, node, moduleSpan, context, module.Name);
        if (context.Problems.Count == 0 && value is not null && module.Validator is { } validator)
        {
            var result = validator.Validate(new ValidationContext<object>(value));
            foreach (var failure in result.Errors)
            {
                var key = ParamName.ToSnakeCase(failure.PropertyName.Split('.', '[')[0]);
                var span = node is YamlMappingNode mapping && FindKey(mapping, key) is { } keyNode ? YamlSpan.Of(file, keyNode) : moduleSpan;
                context.Problems.Add(new Diagnostic(span, $"{module.Name}: {failure.ErrorMessage}"));
            }
        }

        return context.Problems.Count > 0 ? throw new BindingException(context.Problems) : value!;
    }

    private object? BindObject(Type type, YamlNode? node, SourceSpan span, BindContext context, string what)
    {
        var properties = Properties(type);
        var instance = Activator.CreateInstance(type)!;
        var seen = new HashSet<PropertyInfo>();
        if (node is YamlScalarNode scalar && !string.IsNullOrEmpty(scalar.Value))
        {
            var freeForm = properties.Values.Distinct().FirstOrDefault(p => p.GetCustomAttribute<FreeFormAttribute>() is not null);
            if (freeForm is null)
            {
                context.Problems.Add(new Diagnostic(YamlSpan.Of(context.File, node), $"{what} takes a mapping of parameters ({string.Join(", ", Keys(type))}), not a plain string"));
                return null;
            }

            freeForm.SetValue(instance, ConvertNode(freeForm.PropertyType, node, context, $"{what}.{ParamName.ToSnakeCase(freeForm.Name)}"));
            seen.Add(freeForm);
        }
        else if (node is YamlMappingNode mapping)
        {
            foreach (var (keyNode, valueNode) in mapping.Children)
            {
                var key = YamlValues.KeyText(keyNode);
                if (!properties.TryGetValue(key, out var property))
                {
                    context.Problems.Add(new Diagnostic(YamlSpan.Of(context.File, keyNode),
                        $"{what}: unknown parameter '{key}'{NameSuggestion.DidYouMean(key, Keys(type))}; valid parameters are {string.Join(", ", Keys(type))}"));
                    continue;
                }

                if (!seen.Add(property))
                {
                    context.Problems.Add(new Diagnostic(YamlSpan.Of(context.File, keyNode), $"{what}: '{key}' is given twice (through an alias)"));
                    continue;
                }

                property.SetValue(instance, ConvertNode(property.PropertyType, valueNode, context, $"{what}.{key}"));
            }
        }
        else if (node is not null && node is not YamlScalarNode)
        {
            context.Problems.Add(new Diagnostic(YamlSpan.Of(context.File, node), $"{what} takes a mapping of parameters, not a list"));
            return null;
        }

        foreach (var property in properties.Values.Distinct().Where(p => p.GetCustomAttribute<RequiredMemberAttribute>() is not null && !seen.Contains(p)))
        {
            context.Problems.Add(new Diagnostic(node is null ? span : YamlSpan.Of(context.File, node), $"{what}: missing required parameter '{ParamName.ToSnakeCase(property.Name)}'"));
        }

        return instance;
    }

    private object? ConvertNode(Type type, YamlNode node, BindContext context, string path)
    {
        var span = YamlSpan.Of(context.File, node);
        try
        {
            switch (node)
            {
                case YamlScalarNode scalar:
                    var text = scalar.Value ?? string.Empty;
                    if (TemplateEngine.IsTemplated(text))
                    {
                        var rendered = templates.RenderValue(text, context.Variables);
                        return rendered is string s ? ConvertText(type, s, quoted: true, span, context, path) : ConvertPlain(type, rendered, span, context, path);
                    }

                    return ConvertText(type, text, scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded, span, context, path);
                case YamlSequenceNode sequence when ElementType(type) is { } element:
                    return MakeList(type, element, sequence.Children.Select(child => ConvertNode(element, child, context, path + "[]")));
                case YamlMappingNode mapping when DictionaryValueType(type) is { } valueType:
                    return MakeDictionary(valueType, mapping.Children.Select(p => (YamlValues.KeyText(p.Key), ConvertNode(valueType, p.Value, context, path + "." + YamlValues.KeyText(p.Key)))));
                case YamlMappingNode mapping when IsRecord(type):
                    return BindObject(Nullable(type), mapping, span, context, path);
                default:
                    if (Nullable(type) == typeof(object))
                    {
                        return RenderPlain(YamlValues.ToPlain(node), context);
                    }

                    context.Problems.Add(new Diagnostic(span, $"{path} must be {Describe(type)}, not a {YamlReaderDescribe(node)}"));
                    return null;
            }
        }
        catch (UndefinedVariableException e)
        {
            context.Problems.Add(new Diagnostic(span, $"{path}: undefined variable '{e.Variable}'"));
            return null;
        }
        catch (TemplateSyntaxException e)
        {
            context.Problems.Add(new Diagnostic(span, $"{path}: {e.Message}"));
            return null;
        }
    }

    private object? ConvertText(Type type, string text, bool quoted, SourceSpan span, BindContext context, string path)
    {
        var target = Nullable(type);
        object? Fail()
        {
            context.Problems.Add(new Diagnostic(span, $"{path} must be {Describe(type)}, not '{text}'"));
            return null;
        }

        if (target == typeof(string))
        {
            return text;
        }

        if (target == typeof(object))
        {
            return quoted ? text : YamlValues.Resolve(text);
        }

        if (target == typeof(Secret))
        {
            return new Secret(text);
        }

        if (target == typeof(bool))
        {
            return YamlValues.Resolve(text) is bool b ? b : Fail();
        }

        if (target == typeof(int) || target == typeof(long))
        {
            return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? Convert.ChangeType(n, target, CultureInfo.InvariantCulture) : Fail();
        }

        if (target == typeof(double))
        {
            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : Fail();
        }

        if (target.IsEnum)
        {
            var match = Enum.GetNames(target).FirstOrDefault(n => ParamName.ToKebabCase(n) == text || ParamName.ToSnakeCase(n) == text || n == text);
            if (match is null)
            {
                context.Problems.Add(new Diagnostic(span, $"{path} must be one of {string.Join(", ", Enum.GetNames(target).Select(ParamName.ToKebabCase))}, not '{text}'"));
                return null;
            }

            return Enum.Parse(target, match);
        }

        if (ElementType(type) is { } element && !string.IsNullOrEmpty(text))
        {
            // A single string where a list is expected is a list of one, as Ansible accepts.
            return MakeList(type, element, [ConvertText(element, text, quoted, span, context, path + "[]")]);
        }

        return Fail();
    }

    /// <summary>Converts a value produced by a template expression (list, map, number…) to the params type.</summary>
    private object? ConvertPlain(Type type, object? value, SourceSpan span, BindContext context, string path)
    {
        var target = Nullable(type);
        switch (value)
        {
            case null when !target.IsValueType || type != target:
                return null;
            case string s:
                return ConvertText(type, s, quoted: true, span, context, path);
            case bool b when target == typeof(string):
                return b ? "true" : "false";
            case long or int or double when target == typeof(string):
                return Convert.ToString(value, CultureInfo.InvariantCulture);
            case bool or long or int or double when target.IsPrimitive || target == typeof(object):
                try
                {
                    return target == typeof(object) ? value : Convert.ChangeType(value, target, CultureInfo.InvariantCulture);
                }
                catch (InvalidCastException)
                {
                    break;
                }

            case IDictionary dictionary when DictionaryValueType(type) is { } valueType:
                return MakeDictionary(valueType, dictionary.Keys.Cast<object>().Select(k => (k.ToString()!, ConvertPlain(valueType, dictionary[k], span, context, path + "." + k))));
            case IDictionary dictionary when target == typeof(object):
                return value;
            case IDictionary dictionary when IsRecord(type):
                return BindPlainObject(target, dictionary, span, context, path);
            case IEnumerable list when ElementType(type) is { } element:
                return MakeList(type, element, list.Cast<object?>().Select(item => ConvertPlain(element, item, span, context, path + "[]")));
            case IEnumerable when target == typeof(object):
                return value;
        }

        context.Problems.Add(new Diagnostic(span, $"{path} must be {Describe(type)}, but the template gave {value?.GetType().Name ?? "nothing"}"));
        return null;
    }

    private object BindPlainObject(Type type, IDictionary dictionary, SourceSpan span, BindContext context, string path)
    {
        var properties = Properties(type);
        var instance = Activator.CreateInstance(type)!;
        foreach (var key in dictionary.Keys.Cast<object>().Select(k => k.ToString()!))
        {
            if (properties.TryGetValue(key, out var property))
            {
                property.SetValue(instance, ConvertPlain(property.PropertyType, dictionary[key], span, context, path + "." + key));
            }
            else
            {
                context.Problems.Add(new Diagnostic(span, $"{path}: unknown parameter '{key}'{NameSuggestion.DidYouMean(key, Keys(type))}"));
            }
        }

        return instance;
    }

    private object? RenderPlain(object? value, BindContext context) => value switch
    {
        string s => templates.RenderValue(s, context.Variables),
        List<object?> list => list.Select(v => RenderPlain(v, context)).ToList(),
        Dictionary<string, object?> map => map.ToDictionary(p => p.Key, p => RenderPlain(p.Value, context), StringComparer.Ordinal),
        _ => value,
    };

    private static YamlNode? FindKey(YamlMappingNode mapping, string key) =>
        mapping.Children.Keys.FirstOrDefault(k => YamlValues.KeyText(k) == key);

    private static Dictionary<string, PropertyInfo> Properties(Type type)
    {
        var result = new Dictionary<string, PropertyInfo>(StringComparer.Ordinal);
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            result[ParamName.ToSnakeCase(property.Name)] = property;
            foreach (var alias in property.GetCustomAttribute<ParamAliasAttribute>()?.Names ?? [])
            {
                result[alias] = property;
            }
        }

        return result;
    }

    private static IEnumerable<string> Keys(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).Select(p => ParamName.ToSnakeCase(p.Name));

    private static Type Nullable(Type type) => System.Nullable.GetUnderlyingType(type) ?? type;

    private static bool IsRecord(Type type)
    {
        var target = Nullable(type);
        return target.IsClass && target != typeof(string) && target != typeof(object) && target != typeof(Secret) && target.GetConstructor(Type.EmptyTypes) is not null;
    }

    private static Type? ElementType(Type type)
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

    private static Type? DictionaryValueType(Type type)
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
        var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
        foreach (var item in items)
        {
            list.Add(item);
        }

        if (!listType.IsArray)
        {
            return list;
        }

        var array = Array.CreateInstance(element, list.Count);
        list.CopyTo(array, 0);
        return array;
    }

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

    private sealed record BindContext(string File, IReadOnlyDictionary<string, object?> Variables, List<Diagnostic> Problems);
}
