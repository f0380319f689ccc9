using System.Text.Json;
using System.Text.RegularExpressions;
using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Facts;

namespace Converge.Modules.Npm;

/// <summary>
/// One probe, what Ansible's npm module reads: <c>npm list --json --long</c> in the project folder (or <c>--global</c>),
/// and for <c>latest</c> <c>npm outdated</c>, each printed under a marker. A project folder that does not exist yet has
/// nothing installed. The npm command is the task's <c>executable</c> split at spaces, else <c>npm</c>.
/// </summary>
public sealed partial class NpmListingFact(IReadOnlyList<string> npm, string? path, bool global, bool outdated) : Fact<NpmListing>
{
    private const string Script =
        """
        dir=$1; global=$2; outdated=$3; shift 3
        if [ -n "$dir" ]; then cd "$dir" 2>/dev/null || { echo "#list"; echo "{}"; exit 0; }; fi
        command -v "$1" >/dev/null || { echo "Failed to find required executable \"$1\"" >&2; exit 3; }
        flag=; [ "$global" = 1 ] && flag=--global
        echo "#list"
        "$@" list --json --long $flag 2>/dev/null
        if [ "$outdated" = 1 ]; then echo "#outdated"; "$@" outdated $flag 2>/dev/null; fi
        exit 0
        """;

    public override CommandSpec Command { get; } = CommandSpec.Probe("/bin/sh", ["-c", Script, "converge-npm", path ?? string.Empty, global ? "1" : "0", outdated ? "1" : "0", .. npm])
        with { Timeout = TimeSpan.FromMinutes(2) };

    public override NpmListing Parse(CommandResult result)
    {
        if (!result.Succeeded)
        {
            throw new TaskFailedException(result.Stderr.Trim() is { Length: > 0 } why ? why : "cannot run npm on the host", Command.CommandLine, result.ExitCode, result.StderrTail());
        }

        var text = result.Stdout;
        var at = text.IndexOf("#outdated\n", StringComparison.Ordinal);
        var list = text[(text.IndexOf("#list\n", StringComparison.Ordinal) + 6)..(at < 0 ? text.Length : at)];
        var installed = new HashSet<string>(StringComparer.Ordinal);
        var missing = new List<string>();
        try
        {
            using var json = JsonDocument.Parse(list.Trim() is { Length: > 0 } t ? t : "{}");
            if (json.RootElement.TryGetProperty("dependencies", out var dependencies))
            {
                foreach (var dependency in dependencies.EnumerateObject())
                {
                    var props = dependency.Value;
                    if (Flag(props, "missing") || Flag(props, "invalid"))
                    {
                        missing.Add(dependency.Name);
                        continue;
                    }

                    installed.Add(dependency.Name);
                    if (props.TryGetProperty("version", out var version) && version.ValueKind == JsonValueKind.String && version.GetString() is { Length: > 0 } v)
                    {
                        installed.Add(dependency.Name + "@" + v);
                    }
                }
            }
        }
        catch (JsonException e)
        {
            throw new TaskFailedException($"Failed to parse NPM output with error {e.Message}", Command.CommandLine, result.ExitCode, result.StderrTail());
        }

        var outdated = at < 0 ? [] : text[(at + 10)..].Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => Separator().Split(l, 2)[0]).Where(p => p.Length > 0 && p != "Package").ToList();
        return new NpmListing(installed, missing, outdated);
    }

    private static bool Flag(JsonElement props, string name) =>
        props.ValueKind == JsonValueKind.Object && props.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.String or JsonValueKind.Object;

    [GeneratedRegex(@"\s|@")]
    private static partial Regex Separator();
}
