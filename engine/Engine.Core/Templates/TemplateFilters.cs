using System.Text;
using System.Text.Json;
using Fluid;
using Fluid.Values;

namespace Converge.Core.Templates;

/// <summary>Filters users of Ansible's Jinja reach for, in Liquid form (<c>{{ x | to_json }}</c>).</summary>
internal static class TemplateFilters
{
    public static ValueTask<FluidValue> ToJson(FluidValue input, FilterArguments arguments, TemplateContext context) =>
        new StringValue(JsonSerializer.Serialize(input.ToObjectValue()));

    public static ValueTask<FluidValue> Base64Encode(FluidValue input, FilterArguments arguments, TemplateContext context) =>
        new StringValue(Convert.ToBase64String(Encoding.UTF8.GetBytes(input.ToStringValue())));

    public static ValueTask<FluidValue> ShellQuote(FluidValue input, FilterArguments arguments, TemplateContext context) =>
        new StringValue(Connections.ShellQuote.Quote(input.ToStringValue()));

    public static ValueTask<FluidValue> Mandatory(FluidValue input, FilterArguments arguments, TemplateContext context) =>
        input.IsNil() ? throw new UndefinedVariableException(arguments.At(0).ToStringValue()) : new ValueTask<FluidValue>(input);
}
