using System.Globalization;
using System.Text;

namespace Converge.Core.Connections.Ssh;

/// <summary>
/// The POSIX <c>sh</c> loop that <see cref="PersistentShell"/> runs on one exec channel, and the requests it reads.
/// <para>
/// A request is a header line <c>INPUT-BYTES \n</c>, the script's lines, a line holding only the shell's token,
/// and then exactly that many bytes of standard input for it. The loop reads the script with the builtin
/// <c>read</c> up to the token line (no process: <c>head -c</c> cost one per request), so a script can hold any
/// line but that one, which <see cref="Request"/> refuses; the token is 128 random bits fresh per shell. A script
/// longer than <see cref="ReadLimit"/> is announced instead (<c>INPUT-BYTES SP SCRIPT-BYTES \n</c>) and read with
/// one <c>head -c</c>, which costs less than reading it a byte per system call; the token line still follows it. It runs
/// the script with <c>eval</c> in a subshell (so <c>exit</c>, <c>cd</c> or <c>set</c> in one script cannot touch
/// the loop or the next script), with standard input from <c>/dev/null</c> or from <c>head -c INPUT-BYTES</c>
/// (GNU head never reads past the count, even on a pipe, so the next request stays on standard input). What the
/// script did not read is drained so the stream stays in step: one builtin <c>read</c> tells whether anything is
/// left (usually not: nothing then runs), and <c>cat</c> drains the rest only then. A failing script is just a
/// status: the loop carries on.
/// </para>
/// <para>
/// The first request of a shell may instead travel in the exec request itself, as the loop's second argument
/// (<see cref="Command"/>): it runs before the loop reads anything, with no input, so its script costs the host
/// no byte-by-byte <c>read</c> (the host's first probe batch is ~4 KB: ~1 ms of a host's ~28 ms no-op). An exec
/// request's command line is visible to the host's other users (<c>ps</c>), so only a script that holds no secret
/// is sent so (<see cref="SshConnection"/> asks the run's redactor).
/// </para>
/// <para>
/// A request whose header is <c>=INPUT-BYTES</c> instead runs its script with the loop's own standard input, so
/// it costs no <c>head -c</c>. Only a script that reads exactly its input and proves it (<see cref="RemoteFileScripts.Write"/>:
/// <c>dd iflag=count_bytes</c>, then the builtin <c>read</c> of <see cref="RemoteFileScripts.EndOfContent"/>) may
/// be sent so, and only without become (sudo may relay its standard input through a pty in chunks, reading past the
/// content). Such a script exits 0 only once it has read the end line, so a zero status means the stream is in step.
/// Any other status means it may not be (dd stopped early on a full disk, the temp file could not be created and
/// nothing was read): the loop sends the whole reply as usual (so the script's own error reaches the controller) and
/// then exits, and the controller retires the shell (<see cref="PersistentShell"/>) and opens a new one for the next
/// request. What the script left unread then goes nowhere: the loop never reads it as a request.
/// </para>
/// <para>
/// Reply: on standard output the script's standard output and <c>\n TOKEN SP status \n</c>; on standard error (the
/// channel's own stderr stream) the script's standard error and <c>\n TOKEN \n</c> (<see cref="ShellFrameScanner"/>).
/// Until session 13 standard error went to a private temporary file sent after the status, which cost every shell
/// a subshell to create it and an <c>rm</c> at its end. The token is 128 random bits fresh per shell, so output
/// cannot forge a frame without guessing it. The loop first sends one empty reply on both streams, which marks where
/// the login shell's own output (a chatty <c>~/.bashrc</c>) ends.
/// </para>
/// </summary>
public static class PersistentShellScript
{
    private const string Loop =
        """
        converge_t=$1
        trap 'exit 1' HUP INT TERM PIPE
        converge_x() {
          case $converge_m in
            0) ( eval "$converge_s" ) </dev/null ;;
            =*) ( eval "$converge_s" ) ;;
            *) head -c "$converge_m" | ( ( eval "$converge_s" ); converge_r=$?; IFS= read -r converge_l || [ -n "$converge_l" ] && cat >/dev/null; exit $converge_r ) ;;
          esac
          converge_r=$?
          printf '\n%s %s\n' "$converge_t" "$converge_r"
          printf '\n%s\n' "$converge_t" >&2
        }
        printf '\n%s 0\n' "$converge_t"
        printf '\n%s\n' "$converge_t" >&2
        if [ -n "$2" ]; then converge_m=0; converge_s=$2; converge_x; fi
        while IFS=' ' read -r converge_m converge_n; do
          if [ -n "$converge_n" ]; then
            converge_s=$(head -c "$converge_n")
            IFS= read -r converge_l
          else
            converge_s=
            while IFS= read -r converge_l; do
              if [ "$converge_l" = "$converge_t" ]; then break; fi
              converge_s="$converge_s$converge_l
        "
            done
          fi
          if [ "$converge_l" != "$converge_t" ]; then exit 1; fi
          converge_x
          case $converge_m in =*) [ "$converge_r" -eq 0 ] || exit 1 ;; esac
        done
        """;

    /// <summary>
    /// The exec request: the login shell execs <c>/bin/sh</c> with the loop, so it costs one process. A
    /// <paramref name="first"/> script runs as the first request (no input), before the loop reads any.
    /// </summary>
    public static string Command(string token, string? first = null) =>
        "exec /bin/sh -c " + ShellQuote.Quote(Loop) + " converge-shell " + token + (first is null ? string.Empty : " " + ShellQuote.Quote(first));

    /// <summary>The longest first script sent in the exec request (<see cref="Command"/>); longer ones go as requests.</summary>
    public const int FirstScriptLimit = 32 * 1024;

    /// <summary>
    /// Scripts up to this many bytes are read line by line with the builtin <c>read</c>, which reads a byte per
    /// system call; a longer one costs less as one <c>head -c</c> (one process, ~1.5 ms where processes are slow) than
    /// byte by byte (~0.35 ms per KB under dash, twice that under bash). Up to ~5 KB the two cost about the same. A
    /// host's first batch (run lock, file facts, handler journal: ~4 KB for the benchmark playbook) usually rides in
    /// the exec request instead (<see cref="Command"/>), which costs neither.
    /// </summary>
    public const int ReadLimit = 5120;

    /// <summary>
    /// The header, script and token line of one request to the shell of <paramref name="token"/>;
    /// <paramref name="inputLength"/> bytes of input must follow. A script over <see cref="ReadLimit"/> bytes is
    /// announced with its length in the header and read with <c>head -c</c>, so it may hold any line. With
    /// <paramref name="direct"/> the script reads its input from the loop's own standard input (no <c>head -c</c>),
    /// and the loop exits after replying unless the script succeeded.
    /// </summary>
    public static byte[] Request(string token, string script, long inputLength, bool direct = false)
    {
        var lines = script.Length == 0 || script.EndsWith('\n') ? script : script + "\n";
        var body = Encoding.UTF8.GetBytes(lines);
        var announced = body.Length > ReadLimit;
        if (!announced && lines.Contains(token, StringComparison.Ordinal) && lines.Split('\n').Contains(token, StringComparer.Ordinal))
        {
            // It would end the script early and run the rest as the next request; the token is random, so only a script
            // that echoes the shell's own command line back could hold it.
            throw new InvalidDataException("the script holds the remote shell's framing token as a line of its own");
        }

        var input = direct ? string.Create(CultureInfo.InvariantCulture, $"={inputLength}") : inputLength.ToString(CultureInfo.InvariantCulture);
        var header = announced ? string.Create(CultureInfo.InvariantCulture, $"{input} {body.Length}\n") : input + "\n";
        return [.. Encoding.ASCII.GetBytes(header), .. body, .. Encoding.ASCII.GetBytes(token + "\n")];
    }
}
