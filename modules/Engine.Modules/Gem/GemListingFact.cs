using System.Globalization;
using System.Text.RegularExpressions;
using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Facts;

namespace Converge.Modules.Gem;

/// <summary>
/// One probe, what Ansible's gem module reads: RubyGems' version (<c>--norc</c> is given from 2.5.2 on, as
/// <c>common_opts</c> does), <c>gem query -n ^NAME$</c> with <c>GEM_HOME</c> set to <c>install_dir</c> when there is
/// one, and for <c>latest</c> <c>gem query --remote</c> (with <c>--source</c> when the task names one). A failing
/// query fails the task with gem's message, as <c>check_rc=True</c> does in Ansible. Only the remote query has a
/// timeout of its own (it may wait on the network), so a local listing joins the host's probe batch.
/// </summary>
public sealed partial class GemListingFact(IReadOnlyList<string> gem, string name, string? installDir, bool norc, bool remote, string? repository) : Fact<GemListing>
{
    private const string Script =
        """
        name=$1; home=$2; norc=$3; remote=$4; source=$5; shift 5
        command -v "$1" >/dev/null 2>&1 || { echo "Failed to find required executable \"$1\"" >&2; exit 3; }
        v=$("$@" --version) || exit 3
        echo "version=$v"
        set -- "$@" query
        if [ "$norc" = 1 ]; then
          a=${v%%.*}; r=${v#*.}; b=${r%%.*}; c=${r#*.}; c=${c%%[!0-9]*}
          if [ "$a" -gt 2 ] 2>/dev/null || { [ "$a" -eq 2 ] && { [ "$b" -gt 5 ] || { [ "$b" -eq 5 ] && [ "${c:-0}" -ge 2 ]; }; }; } 2>/dev/null; then
            echo "norc=1"; set -- "$@" --norc
          fi
        fi
        [ -z "$home" ] || { GEM_HOME=$home; export GEM_HOME; }
        echo "#installed"
        "$@" -n "^$name\$" || exit 4
        if [ "$remote" = 1 ]; then
          echo "#remote"
          if [ -n "$source" ]; then "$@" --remote --source "$source" -n "^$name\$" || exit 5
          else "$@" --remote -n "^$name\$" || exit 5; fi
        fi
        exit 0
        """;

    public override CommandSpec Command { get; } = CommandSpec.Probe(
        "/bin/sh", ["-c", Script, "converge-gem", name, installDir ?? string.Empty, norc ? "1" : "0", remote ? "1" : "0", repository ?? string.Empty, .. gem])
        with { Timeout = remote ? TimeSpan.FromMinutes(2) : null };

    public override GemListing Parse(CommandResult result)
    {
        if (!result.Succeeded)
        {
            throw new TaskFailedException(Reason(result), Command.CommandLine, result.ExitCode, result.StderrTail());
        }

        Version? rubyGems = null;
        var usesNorc = false;
        var installed = new List<string>();
        var offered = new List<string>();
        List<string>? section = null;
        foreach (var line in result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line == "#installed")
            {
                section = installed;
            }
            else if (line == "#remote")
            {
                section = offered;
            }
            else if (section is not null)
            {
                section.AddRange(Versions(line));
            }
            else if (line.StartsWith("version=", StringComparison.Ordinal))
            {
                rubyGems = Release().Match(line[8..]) is { Success: true } m
                    ? new Version(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture))
                    : null;
            }
            else if (line == "norc=1")
            {
                usesNorc = true;
            }
        }

        return new GemListing(rubyGems, usesNorc, installed, offered);
    }

    /// <summary>
    /// The versions of one <c>gem query</c> line, <c>json (2.7.1, default: 2.6.1)</c> or <c>nokogiri (1.15.5 x86_64-linux)</c>:
    /// each version's first word. (Ansible's parser strips <c>default:</c> only before the first version; Converge
    /// strips it wherever it stands, so a pinned default gem counts as installed.)
    /// </summary>
    public static IEnumerable<string> Versions(string line) =>
        QueryLine().Match(line) is { Success: true } match
            ? match.Groups[1].Value.Split(", ").Select(v => v.StartsWith("default: ", StringComparison.Ordinal) ? v[9..] : v).Select(v => v.Split(' ')[0])
            : [];

    private static string Reason(CommandResult result)
    {
        var said = result.Stderr.Split('\n').Where(l => l.Length > 0 && !l.StartsWith("WARNING:  ", StringComparison.Ordinal)).ToList();
        var why = said.Count > 0 ? string.Join("; ", said.TakeLast(3)) : "cannot run gem on the host";
        return result.ExitCode == 5 ? $"gem: cannot ask the source for the latest version: {why}" : $"gem: {why}";
    }

    [GeneratedRegex(@"^\S+\s+\((.+)\)")]
    private static partial Regex QueryLine();

    [GeneratedRegex(@"^(\d+)\.(\d+)\.(\d+)")]
    private static partial Regex Release();
}
