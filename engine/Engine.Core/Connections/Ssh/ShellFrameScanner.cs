using System.Buffers.Text;
using System.Text;

namespace Converge.Core.Connections.Ssh;

/// <summary>
/// Splits one of the persistent shell's output streams into replies, as <see cref="PersistentShellScript"/> frames
/// them: on standard output each reply ends with <c>\n TOKEN SP status \n</c>, on standard error with
/// <c>\n TOKEN \n</c> (see <see cref="Stderr"/>). Bytes arrive in chunks of any size; a marker split across chunks is
/// held back until it is complete, so at most a marker's length is buffered and everything else goes straight to the
/// reply's sink (a download streams to its file with bounded memory).
/// </summary>
public sealed class ShellFrameScanner
{
    private readonly byte[] _marker;
    private readonly bool _hasStatus;
    private byte[] _carry = [];

    /// <summary>A scanner of the loop's standard output, whose frames end with the request's status.</summary>
    public ShellFrameScanner(string token)
        : this(token, hasStatus: true)
    {
    }

    private ShellFrameScanner(string token, bool hasStatus)
    {
        _marker = Encoding.ASCII.GetBytes("\n" + token + (hasStatus ? " " : "\n"));
        _hasStatus = hasStatus;
    }

    /// <summary>A scanner of the loop's standard error, whose frames end with the token alone (their status is 0).</summary>
    public static ShellFrameScanner Stderr(string token) => new(token, hasStatus: false);

    /// <summary>
    /// Feeds a chunk. A reply's bytes go to <paramref name="data"/>; <paramref name="completed"/> is called with the
    /// status at the end of each reply.
    /// </summary>
    public void Feed(ReadOnlySpan<byte> chunk, Action<ReadOnlySpan<byte>> data, Action<int> completed)
    {
        byte[]? joined = null;
        if (_carry.Length > 0)
        {
            joined = [.. _carry, .. chunk];
            chunk = joined;
            _carry = [];
        }

        while (!chunk.IsEmpty)
        {
            var at = chunk.IndexOf(_marker);
            if (at < 0)
            {
                // Keep back what could be the start of a marker that the next chunk completes.
                var keep = Math.Min(chunk.Length, _marker.Length - 1);
                data(chunk[..^keep]);
                _carry = chunk[^keep..].ToArray();
                return;
            }

            data(chunk[..at]);
            var rest = chunk[(at + _marker.Length)..];
            if (!_hasStatus)
            {
                completed(0);
                chunk = rest;
                continue;
            }

            var lineEnd = rest.IndexOf((byte)'\n');
            if (lineEnd < 0)
            {
                _carry = chunk[at..].ToArray();
                return;
            }

            if (!Utf8Parser.TryParse(rest[..lineEnd], out int status, out var used) || used != lineEnd)
            {
                throw new InvalidDataException("the remote shell sent a malformed status line");
            }

            completed(status);
            chunk = rest[(lineEnd + 1)..];
        }
    }
}
