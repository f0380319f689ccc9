using System.Text;

namespace Converge.Core.Templates.Jinja;

/// <summary>Python's operators: equality across int/float/bool, ordering, arithmetic, membership.</summary>
public static partial class Py
{
    public static new bool Equals(object? a, object? b)
    {
        Defined(a);
        Defined(b);
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        if (IsNumber(a) && IsNumber(b))
        {
            return a is double || b is double ? ToDouble(a) == ToDouble(b) : ToLong(a, "a") == ToLong(b, "b");
        }

        if (a is string sa)
        {
            return b is string sb && sa == sb;
        }

        if (IsMap(a))
        {
            if (!IsMap(b) || Count(a) != Count(b))
            {
                return false;
            }

            foreach (var (key, value) in Entries(a))
            {
                if (!TryGetKey(b, key, out var other) || !Equals(value, other))
                {
                    return false;
                }
            }

            return true;
        }

        if (IsSequence(a) && IsSequence(b) && (a is PyTuple) == (b is PyTuple))
        {
            var left = ToList(a);
            var right = ToList(b);
            return left.Count == right.Count && left.Zip(right).All(p => Equals(p.First, p.Second));
        }

        return ReferenceEquals(a, b) || a.Equals(b);
    }

    /// <summary>Python's ordering: numbers, strings by code point, sequences element by element; else a TypeError.</summary>
    public static int Compare(object? a, object? b, string op = "<")
    {
        Defined(a);
        Defined(b);
        if (IsNumber(a) && IsNumber(b))
        {
            return a is double || b is double ? ToDouble(a).CompareTo(ToDouble(b)) : ToLong(a, "a").CompareTo(ToLong(b, "b"));
        }

        if (a is string sa && b is string sb)
        {
            return string.CompareOrdinal(sa, sb) switch { < 0 => -1, > 0 => 1, _ => 0 };
        }

        if (IsSequence(a) && IsSequence(b) && !IsMap(a) && !IsMap(b))
        {
            var left = ToList(a);
            var right = ToList(b);
            for (var i = 0; i < Math.Min(left.Count, right.Count); i++)
            {
                if (!Equals(left[i], right[i]))
                {
                    return Compare(left[i], right[i], op);
                }
            }

            return left.Count.CompareTo(right.Count);
        }

        throw new PyException($"'{op}' not supported between instances of '{TypeName(a)}' and '{TypeName(b)}'");
    }

    public static bool Contains(object? container, object? item)
    {
        Defined(item);
        switch (Defined(container))
        {
            case string s:
                return item is string sub ? s.Contains(sub, StringComparison.Ordinal)
                    : throw new PyException($"'in <string>' requires string as left operand, not {TypeName(item)}");
            case var map when IsMap(map):
                return item is string key && TryGetKey(map, key, out _);
            default:
                return Iterate(container).Any(x => Equals(x, item));
        }
    }

    public static object? Add(object? a, object? b)
    {
        Defined(a);
        Defined(b);
        return (a, b) switch
        {
            (string x, string y) => x + y,
            (PyTuple x, PyTuple y) => new PyTuple([.. x, .. y]),
            _ when IsNumber(a) && IsNumber(b) => a is double || b is double ? ToDouble(a) + ToDouble(b) : (object)checked(ToLong(a, "a") + ToLong(b, "b")),
            _ when IsSequence(a) && IsSequence(b) && a is not PyTuple && b is not PyTuple => (object)ToList(a).Concat(ToList(b)).ToList(),
            _ => throw Unsupported("+", a, b),
        };
    }

    public static object? Arithmetic(string op, object? a, object? b)
    {
        Defined(a);
        Defined(b);
        if (op == "*")
        {
            if (a is string s && b is long or bool)
            {
                return Repeat(s, ToLong(b, "count"));
            }

            if (IsSequence(a) && b is long n)
            {
                return Enumerable.Repeat(ToList(a), (int)Math.Max(0, n)).SelectMany(x => x).ToList();
            }
        }

        if (op == "%" && a is string format)
        {
            return PercentFormat.Apply(format, b);
        }

        if (!IsNumber(a) || !IsNumber(b))
        {
            throw Unsupported(op, a, b);
        }

        var isFloat = a is double || b is double;
        if (op == "/")
        {
            var divisor = ToDouble(b);
            return divisor == 0 ? throw new PyException("division by zero") : ToDouble(a) / divisor;
        }

        if (isFloat)
        {
            var x = ToDouble(a);
            var y = ToDouble(b);
            return op switch
            {
                "-" => x - y,
                "*" => x * y,
                "//" => y == 0 ? throw new PyException("float floor division by zero") : Math.Floor(x / y),
                "%" => y == 0 ? throw new PyException("float modulo") : x - (y * Math.Floor(x / y)),
                "**" => Math.Pow(x, y),
                _ => throw Unsupported(op, a, b),
            };
        }

        var l = ToLong(a, "a");
        var r = ToLong(b, "b");
        return op switch
        {
            "-" => checked(l - r),
            "*" => checked(l * r),
            "//" => r == 0 ? throw new PyException("integer division or modulo by zero") : FloorDiv(l, r),
            "%" => r == 0 ? throw new PyException("integer division or modulo by zero") : l - (r * FloorDiv(l, r)),
            "**" => r < 0 ? Math.Pow(l, r) : (object)IntPow(l, r),
            _ => throw Unsupported(op, a, b),
        };
    }

    private static long FloorDiv(long a, long b)
    {
        var q = a / b;
        return (a % b != 0) && ((a < 0) != (b < 0)) ? q - 1 : q;
    }

    private static long IntPow(long x, long n)
    {
        long result = 1;
        for (var i = 0L; i < n; i++)
        {
            result = checked(result * x);
        }

        return result;
    }

    private static string Repeat(string s, long n)
    {
        if (n <= 0)
        {
            return string.Empty;
        }

        if (s.Length * n > RenderSession.MaxOutput)
        {
            throw new PyException($"string repetition past the {RenderSession.MaxOutput / (1024 * 1024)} MB bound");
        }

        return new StringBuilder(s.Length * (int)n).Insert(0, s, (int)n).ToString();
    }

    public static PyException Unsupported(string op, object? a, object? b) =>
        new($"unsupported operand type(s) for {op}: '{TypeName(a)}' and '{TypeName(b)}'");
}
