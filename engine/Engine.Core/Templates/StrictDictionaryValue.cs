using System.Globalization;
using System.Text.Encodings.Web;
using Fluid;
using Fluid.Values;

namespace Converge.Core.Templates;

/// <summary>
/// A map in a template whose missing keys are undefined, not empty: <c>{{ result.stdout }}</c> on a result
/// without stdout is an error naming <c>result.stdout</c>, like a missing variable. Fluid's own dictionary
/// value returns nil for a missing key, which would render as an empty string.
/// </summary>
internal sealed class StrictDictionaryValue(string name, IDictionary<string, object?> map, TemplateOptions options) : FluidValue
{
    private DictionaryValue Inner => new(new Indexable(map, options));

    public override FluidValues Type => FluidValues.Dictionary;

    public override bool Equals(FluidValue other) => other is StrictDictionaryValue strict && ReferenceEquals(strict.ToObjectValue(), map);

    public override bool ToBooleanValue() => true;

    public override decimal ToNumberValue() => 0;

    public override string ToStringValue() => Inner.ToStringValue();

    public override object ToObjectValue() => map;

    public override bool Contains(FluidValue value) => map.ContainsKey(value.ToStringValue());

    public override IEnumerable<FluidValue> Enumerate(TemplateContext context) => Inner.Enumerate(context);

    public override ValueTask WriteToAsync(TextWriter writer, TextEncoder encoder, CultureInfo cultureInfo) => Inner.WriteToAsync(writer, encoder, cultureInfo);

    [Obsolete("Fluid renders through WriteToAsync.")]
    public override void WriteTo(TextWriter writer, TextEncoder encoder, CultureInfo cultureInfo) => Inner.WriteToAsync(writer, encoder, cultureInfo).AsTask().GetAwaiter().GetResult();

    public override ValueTask<FluidValue> GetValueAsync(string key, TemplateContext context) => new(Member(key));

    public override ValueTask<FluidValue> GetIndexAsync(FluidValue index, TemplateContext context) => new(Member(index.ToStringValue()));

    public override bool Equals(object? obj) => obj is FluidValue other && Equals(other);

    public override int GetHashCode() => map.GetHashCode();

    public static FluidValue Wrap(string path, object? value, TemplateOptions options) =>
        value is IDictionary<string, object?> nested ? new StrictDictionaryValue(path, nested, options) : Create(value, options);

    private FluidValue Member(string key)
    {
        if (map.TryGetValue(key, out var value))
        {
            return Wrap($"{name}.{key}", value, options);
        }

        return key == "size" ? NumberValue.Create(map.Count) : new UndefinedValue($"{name}.{key}");
    }

    private sealed class Indexable(IDictionary<string, object?> map, TemplateOptions options) : IFluidIndexable
    {
        public int Count => map.Count;

        public IEnumerable<string> Keys => map.Keys;

        public bool TryGetValue(string name, out FluidValue value)
        {
            var found = map.TryGetValue(name, out var raw);
            value = found ? Wrap(name, raw, options) : NilValue.Instance;
            return found;
        }
    }
}
