using System.Text.RegularExpressions;
using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Facts;

namespace Converge.Modules.Git;

/// <summary>
/// One probe: the checkout's HEAD, remote URL and modified tracked files, and <c>git ls-remote --symref</c> of
/// the repository for HEAD, the version and its peeled tag (read-only, though it contacts the repository's server).
/// </summary>
public sealed partial class GitFact(GitParams parameters) : Fact<GitState>
{
    private const string Script =
        """
        g=$1 d=$2 repo=$3 v=$4 remote=$5 bare=$6
        [ -n "$7" ] && export GIT_SSH_COMMAND="$7"
        if [ -f "$d/.git/config" ] || { [ "$bare" = yes ] && [ -f "$d/config" ]; }; then
          echo exists=yes
          echo "head=$("$g" -C "$d" rev-parse HEAD 2>/dev/null)"
          echo "url=$("$g" -C "$d" config --get "remote.$remote.url")"
          if [ "$bare" != yes ] && [ -n "$("$g" -C "$d" status --porcelain --untracked-files=no 2>/dev/null)" ]; then echo dirty=yes; fi
        fi
        out=$("$g" ls-remote --symref -- "$repo" HEAD "$v" "$v^{}") || exit 3
        printf '%s\n' "$out" | sed 's/^/ref=/'
        """;

    public override CommandSpec Command { get; } = CommandSpec.Probe(
        "/bin/sh", "-c", Script, "converge-git-fact", parameters.Executable ?? "git", parameters.Dest, parameters.Repo, parameters.Version, parameters.Remote, parameters.Bare ? "yes" : "no", GitEnvironment.SshCommand(parameters))
        with { Timeout = TimeSpan.FromSeconds(120) };

    public override GitState Parse(CommandResult result)
    {
        if (!result.Succeeded)
        {
            throw new TaskFailedException($"git: cannot read {parameters.Repo} (ls-remote failed)", Command.CommandLine, result.ExitCode, result.StderrTail());
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var refs = new Dictionary<string, string>(StringComparer.Ordinal);
        string? headBranch = null;
        foreach (var line in result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var (key, value) = line.IndexOf('=', StringComparison.Ordinal) is var at and > 0 ? (line[..at], line[(at + 1)..]) : (line, string.Empty);
            if (key != "ref")
            {
                values[key] = value;
                continue;
            }

            var parts = value.Split('\t');
            if (parts.Length != 2)
            {
                continue;
            }

            if (parts[0].StartsWith("ref: refs/heads/", StringComparison.Ordinal))
            {
                headBranch = parts[0]["ref: refs/heads/".Length..];
            }
            else
            {
                refs.TryAdd(parts[1], parts[0]);
            }
        }

        var (target, kind) = Resolve(refs, headBranch);
        return new GitState(values.ContainsKey("exists"), NullIfEmpty(values.GetValueOrDefault("head")), NullIfEmpty(values.GetValueOrDefault("url")), values.ContainsKey("dirty"), target, kind, headBranch);
    }

    private (string? Target, string Kind) Resolve(Dictionary<string, string> refs, string? headBranch)
    {
        var version = parameters.Version;
        if (version == "HEAD")
        {
            return (refs.GetValueOrDefault("HEAD"), headBranch is null ? "commit" : "branch");
        }

        if (refs.TryGetValue("refs/heads/" + version, out var branch))
        {
            return (branch, "branch");
        }

        if (refs.TryGetValue($"refs/tags/{version}^{{}}", out var peeled) || refs.TryGetValue("refs/tags/" + version, out peeled))
        {
            return (peeled, "tag");
        }

        return Commit().IsMatch(version) ? (version, "commit") : (null, "missing");
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    [GeneratedRegex("^[0-9a-f]{7,40}$")]
    private static partial Regex Commit();
}
