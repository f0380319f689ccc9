namespace Converge.Core.Secrets;

/// <summary>
/// A secret value (become password, key passphrase, vault value). It renders as <c>[REDACTED]</c>
/// everywhere; only <see cref="Reveal"/> gives the value, and only transports call it.
/// </summary>
public sealed class Secret : IEquatable<Secret>
{
    public const string Redacted = "[REDACTED]";

    private readonly string _value;

    public Secret(string value)
    {
        _value = value;
    }

    /// <summary>The plain value. Call it only where the value leaves for its destination (stdin, auth).</summary>
    public string Reveal() => _value;

    public override string ToString() => Redacted;

    public bool Equals(Secret? other) => other is not null && string.Equals(_value, other._value, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as Secret);

    public override int GetHashCode() => _value.GetHashCode(StringComparison.Ordinal);
}
