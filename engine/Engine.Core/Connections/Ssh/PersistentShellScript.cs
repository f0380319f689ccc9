using System.Globalization;
using System.Text;

namespace Converge.Core.Connections.Ssh;

/// <summary>
/// The POSIX <c>sh</c> loop that <see cref="PersistentShell"/> runs on one exec channel, and the requests it reads.
/// <para>
/// A request is a header line <c>SCRIPT-BYTES SP INPUT-BYTES \n</c>, the script, and then exactly that many
/// bytes of standard input for it. The loop reads the script with <c>head -c</c> (GNU head never reads past
/// the count, even on a pipe, so the next request stays on standard input), runs it with <c>eval</c> in a
/// subshell (so <c>exit</c>, <c>cd</c> or <c>set</c> in one script cannot touch the loop or the next script),
/// with standard input from <c>/dev/null</c> or from <c>head -c INPUT-BYTES</c>, draining whatever the script
/// did not read so the stream stays in step. Standard error goes to a private file (mktemp: 0600, a fresh
/// name) and is sent after the status, so one stream carries the whole reply and the controller needs one
/// reader per host. A failing script is just a status: the loop carries on.
/// </para>
/// <para>
/// Reply: the script's standard output, <c>\n TOKEN SP status \n</c>, its standard error, <c>\n TOKEN \n</c>
/// (<see cref="ShellFrameScanner"/>). The token is 128 random bits fresh per shell, so output cannot forge a
/// frame without guessing it. The loop first sends one empty reply, which marks where the login shell's own
/// output (a chatty <c>~/.bashrc</c>) ends.
/// </para>
/// </summary>
public static class PersistentShellScript
{
    private const string Loop =
        """
        converge_t=$1
        converge_e=$(mktemp) || exit 1
        trap 'rm -f -- "$converge_e"' EXIT
        trap 'exit 1' HUP INT TERM PIPE
        printf '\n%s 0\n\n%s\n' "$converge_t" "$converge_t"
        while IFS=' ' read -r converge_n converge_m; do
          converge_s=$(head -c "$converge_n")
          if [ "$converge_m" -gt 0 ]; then
            head -c "$converge_m" | ( ( eval "$converge_s" ); converge_r=$?; cat >/dev/null; exit $converge_r ) 2>"$converge_e"
          else
            ( eval "$converge_s" ) </dev/null 2>"$converge_e"
          fi
          converge_r=$?
          printf '\n%s %s\n' "$converge_t" "$converge_r"
          if [ -s "$converge_e" ]; then cat -- "$converge_e"; fi
          printf '\n%s\n' "$converge_t"
        done
        """;

    /// <summary>The exec request: the login shell execs <c>/bin/sh</c> with the loop, so it costs one process.</summary>
    public static string Command(string token) =>
        "exec /bin/sh -c " + ShellQuote.Quote(Loop) + " converge-shell " + token;

    /// <summary>The header and script of one request; <paramref name="inputLength"/> bytes of input must follow.</summary>
    public static byte[] Request(string script, long inputLength)
    {
        var body = Encoding.UTF8.GetBytes(script);
        var header = string.Create(CultureInfo.InvariantCulture, $"{body.Length} {inputLength}\n");
        return [.. Encoding.ASCII.GetBytes(header), .. body];
    }
}
