using System.Text;

namespace Converge.Core.Templates.Jinja;

/// <summary>
/// Where rendering writes. It remembers the first value written, so a template that is exactly one value
/// (<c>"{{ peers }}"</c>) can keep that value's type, as Ansible's concat does; and it bounds the size.
/// </summary>
public sealed class OutputBuffer(RenderSession session)
{
    private readonly StringBuilder _text = new();
    private object? _first;
    private bool _firstPending;

    public int Nodes { get; private set; }

    public void Write(object? value, bool nativeText = false)
    {
        Nodes++;
        if (Nodes == 1)
        {
            _first = value;
            SingleIsText = nativeText;
            _firstPending = true;
            return;
        }

        Flush();
        Append(Finalize(value));
    }

    /// <summary>The single value written, when exactly one was.</summary>
    public object? Single => _first;

    /// <summary>Whether the single value came from a filter whose text Ansible never converts back (to_json, string).</summary>
    public bool SingleIsText { get; private set; }

    public override string ToString()
    {
        Flush();
        return _text.ToString();
    }

    private void Flush()
    {
        if (_firstPending)
        {
            _firstPending = false;
            Append(Finalize(_first));
        }
    }

    private void Append(string text)
    {
        if (_text.Length + text.Length > RenderSession.MaxOutput)
        {
            throw session.TooLarge();
        }

        _text.Append(text);
    }

    /// <summary>Ansible prints None as an empty string (its finalize hook); everything else as Python's str().</summary>
    public static string Finalize(object? value) => value is null ? string.Empty : Py.Str(value);
}
