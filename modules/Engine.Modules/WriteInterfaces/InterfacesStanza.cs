namespace Converge.Modules.WriteInterfaces;

/// <summary>
/// One stanza of an interfaces(5) file as ifupdown reads it: the header words (<c>iface br0 inet manual</c>,
/// <c>auto br0=br0</c>, <c>source /etc/network/interfaces.d/*</c>) and, for <c>iface</c>/<c>mapping</c>, its
/// option lines with whitespace normalised. Comments, blank lines and indentation are not part of it, so
/// reformatting a file is not drift.
/// </summary>
public sealed record InterfacesStanza(IReadOnlyList<string> Header, IReadOnlyList<string> Options, int Line)
{
    public string Keyword => Header[0];

    /// <summary>The interface an <c>iface</c> stanza defines; null for other stanzas.</summary>
    public string? DefinedInterface => Keyword == "iface" && Header.Count > 1 ? Header[1] : null;

    public bool SameAs(InterfacesStanza other) => Header.SequenceEqual(other.Header) && Options.SequenceEqual(other.Options);

    public override string ToString() => string.Join(' ', Header);
}
