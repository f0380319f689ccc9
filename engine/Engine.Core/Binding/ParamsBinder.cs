using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using Converge.Core.Diagnostics;
using Converge.Core.Modules;
using Converge.Core.Templates;
using Converge.Core.Yaml;
using FluentValidation;
using YamlDotNet.RepresentationModel;

namespace Converge.Core.Binding;

/// <summary>
/// Binds a task's params node strictly to its module's params record: snake_case keys to init
/// properties, every string rendered through the template engine first. Unknown keys, missing
/// required keys and wrong types are problems with the key's file:line:col; then the module's
/// FluentValidation validator runs and its failures point at the offending key.
/// </summary>
public sealed partial class ParamsBinder(TemplateEngine templates)
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
        var shape = ParamsShape.Of(type);
        var properties = shape.Properties;
        var instance = Activator.CreateInstance(type)!;
        var seen = new HashSet<PropertyInfo>();
        var extraProperty = shape.Extra;
        var extra = new Dictionary<string, object?>(StringComparer.Ordinal);
        extraProperty?.SetValue(instance, extra);
        if (node is YamlScalarNode scalar && !string.IsNullOrEmpty(scalar.Value))
        {
            var freeForm = shape.FreeForm;
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
                if ((!properties.TryGetValue(key, out var property) || property == extraProperty) && extraProperty is not null)
                {
                    // A key written as a template is rendered first, as Ansible's set_fact renders its keys
                    // (`set_fact: "{{ item.key }}={{ item.value }}"`).
                    var name = TemplateEngine.IsTemplated(key) ? ConvertNode(typeof(string), keyNode, context, $"{what} (a name)") as string : key;
                    var value = ConvertNode(typeof(object), valueNode, context, $"{what}.{key}");
                    if (name is not null)
                    {
                        extra[name] = value;
                    }

                    continue;
                }

                if (property is null)
                {
                    context.Problems.Add(new Diagnostic(YamlSpan.Of(context.File, keyNode),
                        $"{what}: unknown parameter '{key}'{NameSuggestion.DidYouMean(key, Keys(type))} (valid parameters are {string.Join(", ", Keys(type))})"));
                    continue;
                }

                if (!seen.Add(property))
                {
                    context.Problems.Add(new Diagnostic(YamlSpan.Of(context.File, keyNode), $"{what}: '{key}' is given twice (through an alias)"));
                    continue;
                }

                if (IsOmitted(valueNode, context))
                {
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

        foreach (var property in shape.Required.Where(p => !seen.Contains(p)))
        {
            context.Problems.Add(new Diagnostic(node is null ? span : YamlSpan.Of(context.File, node), $"{what}: missing required parameter '{ParamName.ToSnakeCase(property.Name)}'"));
        }

        return instance;
    }

    /// <summary>A parameter whose value renders to <c>omit</c> (<c>"{{ x | default(omit) }}"</c>) is dropped, as in Ansible.</summary>
    private bool IsOmitted(YamlNode node, BindContext context)
    {
        if (node is not YamlScalarNode { Value: { } text } || !text.Contains("omit", StringComparison.Ordinal) || !TemplateEngine.IsTemplated(text))
        {
            return false;
        }

        try
        {
            return templates.RenderValue(text, context.Variables) is string rendered && rendered == TemplateEngine.OmitPlaceholder;
        }
        catch (Diagnostics.ConvergeException)
        {
            return false;
        }
    }

    private sealed record BindContext(string File, IReadOnlyDictionary<string, object?> Variables, List<Diagnostic> Problems);
}
