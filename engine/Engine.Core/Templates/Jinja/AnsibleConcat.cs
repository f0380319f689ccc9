namespace Converge.Core.Templates.Jinja;

/// <summary>
/// Ansible's <c>ansible_eval_concat</c> (template/native_helpers.py): the text of a render, converted back to a
/// list, dict or bool when it reads as one (<c>"{{ peers }}"</c> stays a list, <c>"[{{ a }}, {{ b }}]"</c>
/// becomes one, numbers stay text).
/// </summary>
public static class AnsibleConcat
{
    public static object? Value(OutputBuffer output)
    {
        if (output.Nodes == 0)
        {
            return string.Empty;
        }

        string text;
        if (output.Nodes == 1)
        {
            var single = output.Single;
            if (output.SingleIsText)
            {
                return OutputBuffer.Finalize(single);
            }

            if (single is bool || (single is not PyTuple && (Py.IsMap(single) || Py.IsSequence(single))))
            {
                return single;
            }

            text = OutputBuffer.Finalize(single);
        }
        else
        {
            text = output.ToString();
        }

        return (text.StartsWith('[') || text.StartsWith('{') || text is "True" or "False") && PythonLiteral.TryParse(text, out var value) ? value : text;
    }
}
