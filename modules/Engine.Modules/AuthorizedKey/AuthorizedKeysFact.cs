using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Facts;

namespace Converge.Modules.AuthorizedKey;

/// <summary>The user's home, uid and gid, the key file's path (default <c>~USER/.ssh/authorized_keys</c>) and its text, in one probe.</summary>
public sealed class AuthorizedKeysFact(string user, string? path, bool follow) : Fact<AuthorizedKeysState>
{
    private const string Script =
        """
        ent=$(getent passwd "$1") || { echo user=missing; exit 0; }
        home=$(printf %s "$ent" | cut -d: -f6)
        echo "uid=$(printf %s "$ent" | cut -d: -f3)"
        echo "gid=$(printf %s "$ent" | cut -d: -f4)"
        case "$2" in '') f="$home/.ssh/authorized_keys" ;; '~/'*) f="$home/${2#??}" ;; *) f="$2" ;; esac
        [ "$3" = yes ] && [ -L "$f" ] && f=$(readlink -f -- "$f")
        echo "file=$f"
        echo "dir=$([ -d "$(dirname -- "$f")" ] && echo yes || echo no)"
        if [ -e "$f" ]; then echo exists=yes; echo ---; exec cat -- "$f"; fi
        echo exists=no
        """;

    public override CommandSpec Command { get; } = CommandSpec.Probe("/bin/sh", "-c", Script, "converge-authorized-keys", user, path ?? string.Empty, follow ? "yes" : "no");

    public override AuthorizedKeysState Parse(CommandResult result)
    {
        if (!result.Succeeded)
        {
            throw new TaskFailedException($"cannot read the authorized keys of {user}", Command.CommandLine, result.ExitCode, result.StderrTail());
        }

        var separator = result.Stdout.IndexOf("---\n", StringComparison.Ordinal);
        var head = separator < 0 ? result.Stdout : result.Stdout[..separator];
        var values = head.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('=', 2)).Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        if (values.GetValueOrDefault("user") == "missing")
        {
            return new AuthorizedKeysState(false, string.Empty, string.Empty, string.Empty, false, null);
        }

        return new AuthorizedKeysState(true, values["uid"], values["gid"], values["file"], values["dir"] == "yes", separator < 0 ? null : result.Stdout[(separator + 4)..]);
    }
}
