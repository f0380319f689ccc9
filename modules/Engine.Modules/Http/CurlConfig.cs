using System.Globalization;
using System.Text;
using Converge.Core.Secrets;

namespace Converge.Modules.Http;

/// <summary>
/// A request as a curl(1) config file (<c>--config -</c>, read from standard input): the URL, headers, the
/// credentials and the body never reach the command line, so a password is in no process listing, no log and no
/// diagnostic. Strings are quoted with curl's config escapes (<c>\"</c>, <c>\\</c>, <c>\n</c>, <c>\r</c>, <c>\t</c>).
/// </summary>
public sealed record CurlConfig(string Url)
{
    public string Method { get; init; } = "GET";

    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    public string? Username { get; init; }

    public Secret? Password { get; init; }

    public int TimeoutSeconds { get; init; } = 10;

    public bool ValidateCerts { get; init; } = true;

    public bool FollowRedirects { get; init; } = true;

    public string? Body { get; init; }

    /// <summary>The config text: secret-bearing, so it only ever goes to the command's standard input.</summary>
    public string Render()
    {
        var text = new StringBuilder();
        Line(text, "url", Url);
        Line(text, "request", Method);
        foreach (var (name, value) in Headers ?? new Dictionary<string, string>())
        {
            Line(text, "header", $"{name}: {value}");
        }

        if (Username is not null || Password is not null)
        {
            Line(text, "user", $"{Username}:{Password?.Reveal()}");
        }

        if (Body is not null)
        {
            // data-raw, not data-binary: a body starting with @ stays text instead of naming a file to send.
            Line(text, "data-raw", Body);
        }

        // Ansible's timeout is a socket timeout: no connection, or no data for this long, fails the request.
        text.Append(CultureInfo.InvariantCulture, $"connect-timeout = {TimeoutSeconds}\nspeed-limit = 1\nspeed-time = {TimeoutSeconds}\n");
        text.Append("silent\nshow-error\n");
        if (!ValidateCerts)
        {
            text.Append("insecure\n");
        }

        if (FollowRedirects)
        {
            text.Append("location\n");
        }

        return text.ToString();
    }

    private static void Line(StringBuilder text, string key, string value)
    {
        text.Append(key).Append(" = \"");
        foreach (var c in value)
        {
            text.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ => c.ToString(),
            });
        }

        text.Append("\"\n");
    }
}
