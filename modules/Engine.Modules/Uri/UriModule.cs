using System.Net;
using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Modules;
using Converge.Core.Templates.Jinja.Filters;
using Converge.Modules.Common;
using Converge.Modules.Http;
using FluentValidation;

namespace Converge.Modules.Uri;

/// <summary>
/// <c>uri</c>: one HTTP request made by the host with curl (the request, credentials and body on curl's standard
/// input). A request cannot be inspected beforehand, so, as Ansible's, it is idempotent only through
/// <c>creates</c>/<c>removes</c> (the guards of <c>command</c>, read in the host's batch); otherwise the check says
/// "will run" and the request is made on apply. A status outside <c>status_code</c> fails the task with the status.
/// </summary>
public sealed class UriModule : GuardedCommandModule<UriParams>
{
    private const string Script =
        """
        command -v curl >/dev/null || { echo "uri needs curl on the host" >&2; exit 9; }
        exec curl --config - -D - -w '%{stderr}\n__converge_uri__ %{http_code} %{num_redirects} %{url_effective}\n'
        """;

    public override string Name => "uri";

    protected override IValidator<UriParams> ParamsValidator => ParamsValidators.Of<UriParamsValidator>();

    /// <summary>As Ansible's uri, a request is reported ok, not changed (a no-op rerun stays exit 0); use changed_when to say otherwise.</summary>
    protected override bool RunReportsChange => false;

    protected override string Describe(UriParams parameters) => $"{parameters.Method.ToUpperInvariant()} {parameters.Url}";

    protected override CommandSpec Build(UriParams parameters) =>
        CommandSpec.Change("/bin/sh", "-c", Script, "converge-uri", parameters.Method.ToUpperInvariant(), parameters.Url);

    public override async Task<ApplyResult> ApplyAsync(ModuleContext context, UriParams parameters, Plan plan, CancellationToken ct)
    {
        var command = Build(parameters) with { StandardInput = Request(parameters).Render() };
        CommandResult result;
        try
        {
            result = await context.Connection.RunAsync(command, ct);
        }
        finally
        {
            // A request may change anything the host's services hold; facts read before it may be stale.
            context.Facts.InvalidateAll();
        }

        if (!result.Succeeded)
        {
            throw new TaskFailedException($"Status code was -1 and not {string.Join(", ", parameters.StatusCode)}: request to {parameters.Url} failed: {result.StderrTail(2)}", command.CommandLine, result.ExitCode, result.StderrTail());
        }

        var output = UriResponse.Parse(result.Stdout, result.Stderr, parameters.ReturnContent);
        var status = (int)output["status"]!;
        if (!parameters.StatusCode.Contains(status))
        {
            output["msg"] = $"Status code was {status} and not [{string.Join(", ", parameters.StatusCode)}]: HTTP Error {status}";
            throw new TaskFailedException((string)output["msg"]!) { Output = output };
        }

        return new ApplyResult($"{parameters.Method.ToUpperInvariant()} {parameters.Url}: {status}") { Output = output };
    }

    private static CurlConfig Request(UriParams parameters)
    {
        var headers = new Dictionary<string, string>(parameters.Headers ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase);
        string? body = parameters.Body switch
        {
            null => null,
            string text when parameters.BodyFormat != "json" => text,
            _ when parameters.BodyFormat == "json" => PyJson.Dumps(parameters.Body),
            IEnumerable<KeyValuePair<string, object?>> form => string.Join("&", form.Select(kv => WebUtility.UrlEncode(kv.Key) + "=" + WebUtility.UrlEncode(Convert.ToString(kv.Value, System.Globalization.CultureInfo.InvariantCulture)))),
            var other => Convert.ToString(other, System.Globalization.CultureInfo.InvariantCulture),
        };
        if (body is not null && parameters.BodyFormat != "raw")
        {
            headers.TryAdd("Content-Type", parameters.BodyFormat == "json" ? "application/json" : "application/x-www-form-urlencoded");
        }

        var method = parameters.Method.ToUpperInvariant();
        return new CurlConfig(parameters.Url)
        {
            Method = method,
            Headers = headers,
            Username = parameters.UrlUsername,
            Password = parameters.UrlPassword,
            TimeoutSeconds = parameters.Timeout,
            ValidateCerts = parameters.ValidateCerts,
            FollowRedirects = parameters.FollowRedirects is "all" or "yes" or "urllib2" || (parameters.FollowRedirects == "safe" && method is "GET" or "HEAD"),
            Body = body,
        };
    }
}
