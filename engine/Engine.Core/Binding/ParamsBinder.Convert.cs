using System.Collections;
using System.Globalization;
using System.Runtime.CompilerServices;
using Converge.Core.Diagnostics;
using Converge.Core.Secrets;
using Converge.Core.Templates;
using Converge.Core.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Converge.Core.Binding;

/// <summary>Conversion of YAML nodes and template results to the params' property types.</summary>
public sealed partial class ParamsBinder
{
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
            context.Problems.Add(new Diagnostic(span, $"{path}: undefined variable '{e.Variable}'") { Kind = DiagnosticKind.UndefinedVariable, Names = [e.Variable] });
            return null;
        }
        catch (TemplateSyntaxException e)
        {
            context.Problems.Add(new Diagnostic(span, $"{path}: {e.Message}"));
            return null;
        }
        catch (TemplateRuntimeException e)
        {
            context.Problems.Add(new Diagnostic(span, $"{path}: {e.Message}"));
            return null;
        }
    }

    private static object? ConvertText(Type type, string text, bool quoted, SourceSpan span, BindContext context, string path)
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

        if (ElementType(type) is { IsValueType: true } numbers && text.Contains(',', StringComparison.Ordinal))
        {
            // Ansible's list type splits a string on commas (status_code: 200,403); done here for lists of numbers,
            // where no item can hold a comma.
            return MakeList(type, numbers, text.Split(',').Select(part => ConvertText(numbers, part.Trim(), quoted, span, context, path + "[]")));
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
            case long or int when target == typeof(string) && (path.EndsWith(".mode", StringComparison.Ordinal) || path.EndsWith(".directory_mode", StringComparison.Ordinal)):
                // Ansible's file arguments take an integer mode as the mode bits: a variable YAML 1.1 read as octal
                // (`redis_conf_dir_mode: 02770` is 1528) given as `mode: "{{ m }}"` is mode 02770.
                return "0" + Convert.ToString(Convert.ToInt64(value, CultureInfo.InvariantCulture), 8);
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
}
