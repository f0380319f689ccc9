namespace Converge.Core.Templates.Jinja;

/// <summary>
/// A filter or test: its code, whether it may receive an undefined input (<c>default</c>, <c>is defined</c>), and,
/// when known, the names of its parameters after the input, so a call with too many or unknown arguments fails as
/// Python's would instead of the extra arguments being ignored.
/// </summary>
public sealed record JinjaFunction(Func<FilterCall, object?> Apply, bool AcceptsUndefined = false, IReadOnlyList<string>? Parameters = null)
{
    /// <summary>Raises a <see cref="PyException"/> naming the right signature when the call does not fit <see cref="Parameters"/>.</summary>
    public void CheckArity(FilterCall call)
    {
        if (Parameters is null)
        {
            return;
        }

        var signature = Parameters.Count == 0 ? $"'{call.Name}' takes no arguments" : $"'{call.Name}' takes ({string.Join(", ", Parameters)})";
        if (call.Args.Count > Parameters.Count)
        {
            throw new PyException($"{call.Args.Count} argument{(call.Args.Count == 1 ? string.Empty : "s")} given but {signature}");
        }

        foreach (var name in call.Kwargs.Keys)
        {
            var index = IndexOf(name);
            if (index < 0)
            {
                throw new PyException($"unexpected keyword argument '{name}'; {signature}");
            }

            if (index < call.Args.Count)
            {
                throw new PyException($"got multiple values for argument '{name}'; {signature}");
            }
        }
    }

    private int IndexOf(string name)
    {
        for (var i = 0; i < Parameters!.Count; i++)
        {
            if (Parameters[i] == name)
            {
                return i;
            }
        }

        return -1;
    }
}
