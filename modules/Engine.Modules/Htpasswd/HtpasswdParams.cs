using Converge.Core.Modules;
using Converge.Core.Secrets;

namespace Converge.Modules.Htpasswd;

/// <summary>Params of <c>htpasswd</c> (community.general, as shipped with Debian's ansible 7): one user's line in an Apache password file.</summary>
public sealed record HtpasswdParams
{
    /// <summary>The password file on the host.</summary>
    [ParamAlias("dest", "destfile")]
    public required string Path { get; init; }

    /// <summary>The user.</summary>
    [ParamAlias("username")]
    public required string Name { get; init; }

    /// <summary>The password (a secret: only its hash is written, and it is never shown).</summary>
    public Secret? Password { get; init; }

    /// <summary><c>apr_md5_crypt</c> (default, Apache's <c>$apr1$</c>) or <c>md5_crypt</c> (<c>$1$</c>).</summary>
    [ParamAlias("crypt_scheme")]
    public string HashScheme { get; init; } = "apr_md5_crypt";

    /// <summary><c>present</c> (default) or <c>absent</c>.</summary>
    public string State { get; init; } = "present";

    /// <summary>Create the file when it is missing (default true); false makes a missing file an error.</summary>
    public bool Create { get; init; } = true;

    public string? Mode { get; init; }

    public string? Owner { get; init; }

    public string? Group { get; init; }
}
