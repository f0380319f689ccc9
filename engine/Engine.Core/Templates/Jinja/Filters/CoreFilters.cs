using System.Globalization;

namespace Converge.Core.Templates.Jinja.Filters;

/// <summary>Defaults and conversions: <c>default</c>, <c>mandatory</c>, <c>bool</c>, <c>int</c>, <c>float</c>, <c>string</c>, <c>ternary</c>, numbers.</summary>
public static class CoreFilters
{
    public static void Register(Dictionary<string, JinjaFunction> filters)
    {
        filters["default"] = filters["d"] = new(Default, AcceptsUndefined: true);
        filters["mandatory"] = new(Mandatory, AcceptsUndefined: true);
        filters["bool"] = new(c => c.DefinedInput is null ? null : Bool(c.DefinedInput));
        filters["int"] = new(Int);
        filters["float"] = new(Float);
        filters["string"] = new(c => Py.Str(c.DefinedInput));
        filters["ternary"] = new(c => Py.Truthy(c.DefinedInput) ? c.Arg(0, "true_val") : c.DefinedInput is null && c.Has(2, "none_val") ? c.Arg(2, "none_val") : c.Arg(1, "false_val"));
        filters["abs"] = new(c => c.DefinedInput switch { long l => (object)Math.Abs(l), double d => Math.Abs(d), bool b => b ? 1L : 0L, var x => throw new PyException($"bad operand type for abs(): '{Py.TypeName(x)}'") });
        filters["round"] = new(Round);
        filters["type_debug"] = new(c => Py.TypeName(c.DefinedInput));
        // attr() is Python's getattr: a dict's keys are not its attributes (Jinja's '.' falls back to keys, attr does not).
        filters["attr"] = new(c => !Py.IsMap(c.DefinedInput) && Py.TryLookup(c.DefinedInput, c.Text(0, "name", string.Empty), out var v) ? v : new Undefined(c.Text(0, "name", string.Empty), 0, 0));
    }

    private static object? Default(FilterCall c)
    {
        var fallback = c.Args.Count > 0 ? c.Args[0] : c.Kwargs.GetValueOrDefault("default_value", string.Empty);
        var boolean = c.Flag(1, "boolean");
        return c.Input is Undefined || (boolean && !Py.Truthy(c.Input)) ? fallback : c.Input;
    }

    private static object? Mandatory(FilterCall c) => c.Input is Undefined u
        ? throw (c.Arg(0, "msg") is string msg ? new TemplateRuntimeException(msg, u.Line, u.Column) : new UndefinedVariableException($"{u.Path} (mandatory)", u.Line, u.Column))
        : c.Input;

    /// <summary>Ansible's bool filter: yes/on/1/true/y are true, everything else false (filter/core.py to_bool).</summary>
    public static bool Bool(object? value) => value switch
    {
        null => false,
        bool b => b,
        long l => l == 1,
        double d => d == 1,
        string s => s.Trim().ToLowerInvariant() is "yes" or "on" or "1" or "true" or "y",
        _ => false,
    };

    private static object? Int(FilterCall c)
    {
        var fallback = c.Arg(0, "default", 0L);
        var numberBase = c.Int(1, "base", 10);
        switch (c.DefinedInput)
        {
            case long l: return l;
            case bool b: return b ? 1L : 0L;
            case double d: return double.IsFinite(d) ? (long)Math.Truncate(d) : fallback;
            case string s:
                var text = s.Trim().Replace("_", string.Empty, StringComparison.Ordinal);
                if (numberBase != 10)
                {
                    try
                    {
                        var digits = text.ToLowerInvariant();
                        digits = numberBase == 16 && digits.StartsWith("0x", StringComparison.Ordinal) ? digits[2..]
                            : numberBase == 8 && digits.StartsWith("0o", StringComparison.Ordinal) ? digits[2..]
                            : numberBase == 2 && digits.StartsWith("0b", StringComparison.Ordinal) ? digits[2..] : digits;
                        return Convert.ToInt64(digits, (int)numberBase);
                    }
                    catch (FormatException)
                    {
                        return fallback;
                    }
                }

                if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
                {
                    return n;
                }

                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) && double.IsFinite(f) ? (long)Math.Truncate(f) : fallback;
            default:
                return fallback;
        }
    }

    private static object? Float(FilterCall c) => c.DefinedInput switch
    {
        double d => d,
        long l => (double)l,
        bool b => b ? 1.0 : 0.0,
        string s when double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var f) => f,
        string s when s.Trim().ToLowerInvariant() is "inf" or "+inf" or "infinity" => double.PositiveInfinity,
        _ => c.Arg(0, "default", 0.0),
    };

    private static object? Round(FilterCall c)
    {
        var value = Py.ToDouble(c.DefinedInput);
        var precision = (int)c.Int(0, "precision", 0);
        var method = c.Text(1, "method", "common");
        var factor = Math.Pow(10, precision);
        return method switch
        {
            "ceil" => Math.Ceiling(value * factor) / factor,
            "floor" => Math.Floor(value * factor) / factor,
            _ => Math.Round(value * factor, MidpointRounding.ToEven) / factor,
        };
    }
}
