using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Converge.Core.Connections.Ssh;

/// <summary>
/// Several probes as one shell script, so they cost one channel round trip instead of one each.
/// <para>
/// Framing: after probe <c>i</c> the script writes <c>\n TOKEN SP exit-code \n</c> to standard output and
/// <c>\n TOKEN \n</c> to standard error, where TOKEN is 128 random bits in hex, fresh per batch. The
/// leading line break is always added, so stripping exactly one before each frame gives back each probe's
/// output byte for byte, whether or not it ended with a newline; output cannot forge a frame without
/// guessing the token. A batch cut short (lost connection) has fewer frames than probes and is rejected.
/// </para>
/// Each probe runs in a subshell with standard input from /dev/null, so <c>exit</c> or <c>cd</c> in one
/// cannot affect the next; dash execs the subshell's last command, so this costs no extra process.
/// </summary>
public sealed class ProbeBatch
{
    private ProbeBatch(string token, string script, int count)
    {
        Token = token;
        Script = script;
        Count = count;
    }

    public string Token { get; }

    public string Script { get; }

    public int Count { get; }

    public static ProbeBatch Create(IReadOnlyList<CommandSpec> probes, string? token = null)
    {
        token ??= "converge-probe-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var script = new StringBuilder();
        foreach (var probe in probes)
        {
            script.Append("( ").Append(RemoteShell.Line(probe)).Append(" ) </dev/null; ")
                .Append("printf '\\n%s %s\\n' ").Append(token).Append(" $?; ")
                .Append("printf '\\n%s\\n' ").Append(token).Append(" >&2\n");
        }

        return new ProbeBatch(token, script.ToString(), probes.Count);
    }

    /// <summary>Splits the batch's output into one result per probe; null when frames are missing.</summary>
    public IReadOnlyList<CommandResult>? Parse(string stdout, string stderr)
    {
        var results = new List<CommandResult>(Count);
        int outAt = 0, errAt = 0;
        var outFrame = "\n" + Token + " ";
        var errFrame = "\n" + Token + "\n";
        for (var i = 0; i < Count; i++)
        {
            var outEnd = stdout.IndexOf(outFrame, outAt, StringComparison.Ordinal);
            var errEnd = stderr.IndexOf(errFrame, errAt, StringComparison.Ordinal);
            if (outEnd < 0 || errEnd < 0)
            {
                return null;
            }

            var codeStart = outEnd + outFrame.Length;
            var codeEnd = stdout.IndexOf('\n', codeStart);
            if (codeEnd < 0 || !int.TryParse(stdout.AsSpan(codeStart, codeEnd - codeStart), NumberStyles.None, CultureInfo.InvariantCulture, out var code))
            {
                return null;
            }

            results.Add(new CommandResult(code, null, stdout[outAt..outEnd], stderr[errAt..errEnd]));
            outAt = codeEnd + 1;
            errAt = errEnd + errFrame.Length;
        }

        return results;
    }
}
