using Converge.Core.Modules;
using Converge.Core.Secrets;
using Converge.Modules.Common;

namespace Converge.Modules.Uri;

/// <summary>Params of <c>uri</c> (Ansible's): one HTTP request made from the host.</summary>
public sealed record UriParams : IGuardedCommand
{
    public required string Url { get; init; }

    public string Method { get; init; } = "GET";

    /// <summary>The body: text with <c>raw</c>, any value with <c>json</c>, a mapping with <c>form-urlencoded</c>.</summary>
    public object? Body { get; init; }

    /// <summary><c>raw</c> (default), <c>json</c> or <c>form-urlencoded</c> (each sets Content-Type unless a header does).</summary>
    public string BodyFormat { get; init; } = "raw";

    /// <summary>The statuses that mean success (default 200); another fails the task.</summary>
    public IReadOnlyList<int> StatusCode { get; init; } = [200];

    /// <summary>Register the body as <c>content</c> (and <c>json</c> when it is JSON).</summary>
    public bool ReturnContent { get; init; }

    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    [ParamAlias("username")]
    public string? UrlUsername { get; init; }

    /// <summary>A secret: sent in the request config on standard input, never on a command line or in output.</summary>
    [ParamAlias("password")]
    public Secret? UrlPassword { get; init; }

    /// <summary>Accepted for compatibility: credentials are always sent with the first request.</summary>
    public bool ForceBasicAuth { get; init; }

    public bool ValidateCerts { get; init; } = true;

    /// <summary><c>safe</c> (default), <c>all</c>, <c>yes</c> follow redirects; <c>none</c>, <c>no</c> do not.</summary>
    public string FollowRedirects { get; init; } = "safe";

    public int Timeout { get; init; } = 30;

    /// <summary>Skip the request when this path exists on the host.</summary>
    public string? Creates { get; init; }

    /// <summary>Skip the request when this path does not exist on the host.</summary>
    public string? Removes { get; init; }

    string? IGuardedCommand.Chdir => null;

    string? IGuardedCommand.Stdin => null;
}
