using System.Buffers.Text;
using System.Text;

namespace Converge.Core.Connections.Ssh;

/// <summary>
/// Splits the persistent shell's standard output into replies, as <see cref="PersistentShell"/> frames them:
/// the command's standard output, <c>\n TOKEN SP status \n</c>, the command's standard error, <c>\n TOKEN \n</c>.
/// Bytes arrive in chunks of any size; a marker split across chunks is held back until it is complete, so
/// at most a marker's length is buffered and everything else goes straight to the reply's sinks
/// (a download streams to its file with bounded memory).
/// </summary>
public sealed class ShellFrameScanner(string token)
{
    private readonly byte[] _statusMarker = Encoding.ASCII.GetBytes("\n" + token + " ");
    private readonly byte[] _endMarker = Encoding.ASCII.GetBytes("\n" + token + "\n");
    private byte[] _carry = [];
    private bool _inStderr;
    private int _status;

    /// <summary>
    /// Feeds a chunk. Standard output goes to <paramref name="stdout"/>, standard error to <paramref name="stderr"/>;
    /// <paramref name="completed"/> is called with the status at the end of each reply.
    /// </summary>
    public void Feed(ReadOnlySpan<byte> chunk, Action<ReadOnlySpan<byte>> stdout, Action<ReadOnlySpan<byte>> stderr, Action<int> completed)
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
            var marker = _inStderr ? _endMarker : _statusMarker;
            var at = chunk.IndexOf(marker);
            if (at < 0)
            {
                // Keep back what could be the start of a marker that the next chunk completes.
                var keep = Math.Min(chunk.Length, marker.Length - 1);
                (_inStderr ? stderr : stdout)(chunk[..^keep]);
                _carry = chunk[^keep..].ToArray();
                return;
            }

            (_inStderr ? stderr : stdout)(chunk[..at]);
            var rest = chunk[(at + marker.Length)..];
            if (_inStderr)
            {
                _inStderr = false;
                completed(_status);
                chunk = rest;
                continue;
            }

            var lineEnd = rest.IndexOf((byte)'\n');
            if (lineEnd < 0)
            {
                _carry = chunk[at..].ToArray();
                return;
            }

            if (!Utf8Parser.TryParse(rest[..lineEnd], out _status, out var used) || used != lineEnd)
            {
                throw new InvalidDataException("the remote shell sent a malformed status line");
            }

            _inStderr = true;
            chunk = rest[(lineEnd + 1)..];
        }
    }
}
