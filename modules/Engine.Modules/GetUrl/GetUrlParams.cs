using Converge.Core.Modules;
using Converge.Core.Secrets;

namespace Converge.Modules.GetUrl;

/// <summary>Params of <c>get_url</c> (Ansible's): a file downloaded by the host from an HTTP(S) URL.</summary>
public sealed record GetUrlParams
{
    public required string Url { get; init; }

    /// <summary>The file on the host; an existing directory receives the URL's last path segment as the name.</summary>
    public required string Dest { get; init; }

    /// <summary><c>ALGORITHM:HEX</c> (<c>sha256:9f86…</c>): the download must have it, and a file that has it is in sync.</summary>
    public string? Checksum { get; init; }

    /// <summary>False (default): an existing file is kept unless a checksum says otherwise; true: downloaded again and replaced when different.</summary>
    [ParamAlias("thirsty")]
    public bool Force { get; init; }

    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    [ParamAlias("username")]
    public string? UrlUsername { get; init; }

    /// <summary>A secret: sent in the request config on standard input, never on a command line or in output.</summary>
    [ParamAlias("password")]
    public Secret? UrlPassword { get; init; }

    /// <summary>Accepted for compatibility: credentials are always sent with the first request (curl's basic auth).</summary>
    public bool ForceBasicAuth { get; init; }

    /// <summary>Seconds without a connection or without data before the request fails.</summary>
    public int Timeout { get; init; } = 10;

    public bool ValidateCerts { get; init; } = true;

    public string? Mode { get; init; }

    public string? Owner { get; init; }

    public string? Group { get; init; }

    public bool Backup { get; init; }
}
