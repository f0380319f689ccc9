using System.Globalization;
using System.Text.Encodings.Web;
using Fluid;
using Fluid.Values;

namespace Converge.Core.Templates;

/// <summary>
/// The value of an undefined variable. It behaves as nil where a template asks about it
/// (<c>| default: 'x'</c>, <c>== nil</c>, <c>is defined</c>), and throws <see cref="UndefinedVariableException"/>
/// the moment it is used as a value (output, truth test, arithmetic): never a silent empty string.
/// </summary>
internal sealed class UndefinedValue(string name) : FluidValue
{
    public string Name { get; } = name;

    public override FluidValues Type => FluidValues.Nil;

    public override bool IsNil() => true;

    public override bool Equals(FluidValue other) => other.IsNil();

    public override bool ToBooleanValue() => throw new UndefinedVariableException(Name);

    public override decimal ToNumberValue() => throw new UndefinedVariableException(Name);

    public override string ToStringValue() => throw new UndefinedVariableException(Name);

    public override object ToObjectValue() => throw new UndefinedVariableException(Name);

    [Obsolete("Fluid renders through WriteToAsync; kept so no path prints an undefined value.")]
    public override void WriteTo(TextWriter writer, TextEncoder encoder, CultureInfo cultureInfo) => throw new UndefinedVariableException(Name);

    public override ValueTask WriteToAsync(TextWriter writer, TextEncoder encoder, CultureInfo cultureInfo) => throw new UndefinedVariableException(Name);

    public override ValueTask<FluidValue> GetValueAsync(string name, TemplateContext context) => new(new UndefinedValue($"{Name}.{name}"));

    public override ValueTask<FluidValue> GetIndexAsync(FluidValue index, TemplateContext context) => new(new UndefinedValue($"{Name}[{index.ToStringValue()}]"));

    public override bool Equals(object? obj) => obj is FluidValue other && Equals(other);

    public override int GetHashCode() => 0;
}
