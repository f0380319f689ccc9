namespace Converge.Modules.Deb822Repository;

/// <summary>A <c>signed_by</c> key the host downloaded: its bytes, and where Ansible keeps it (<c>/etc/apt/keyrings/SLUG.asc</c> if ASCII-armoured, else <c>.gpg</c>).</summary>
public sealed record Deb822Key(byte[] Content, string Path);
