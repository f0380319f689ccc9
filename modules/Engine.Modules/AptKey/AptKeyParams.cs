namespace Converge.Modules.AptKey;

/// <summary>Params of <c>apt_key</c> (Ansible's names): an OpenPGP key apt trusts, kept as a keyring file.</summary>
public sealed record AptKeyParams
{
    /// <summary>The key's id (8 or 16 hex digits, or the fingerprint); checked against the key given, and names the file for <c>absent</c>.</summary>
    public string? Id { get; init; }

    /// <summary>The key itself (ASCII-armored or binary as text).</summary>
    public string? Data { get; init; }

    /// <summary>A key file on the host.</summary>
    public string? File { get; init; }

    /// <summary>A URL the host fetches the key from (with curl).</summary>
    public string? Url { get; init; }

    /// <summary>The keyring file (e.g. <c>/etc/apt/keyrings/docker.gpg</c>); default <c>/etc/apt/trusted.gpg.d/converge-KEYID.gpg</c>.</summary>
    public string? Keyring { get; init; }

    /// <summary><c>present</c> or <c>absent</c>.</summary>
    public string State { get; init; } = "present";

    /// <summary>Accepted (Ansible's default, true): curl verifies TLS certificates.</summary>
    public bool ValidateCerts { get; init; } = true;
}
