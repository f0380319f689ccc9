using System.Reflection;
using Renci.SshNet;

namespace Converge.Core.Connections.Ssh;

/// <summary>
/// Takes the place of an <see cref="SshCommand"/>'s output <c>PipeStream</c>: SSH.NET's session thread writes each
/// chunk of the channel's standard output straight into <paramref name="received"/>, and disposes the stream when
/// the channel closes, which calls <paramref name="ended"/> once. No reader thread blocks on a pipe, and a reply
/// reaches its waiter with one thread hand-off instead of two. Both callbacks must return quickly and never wait
/// on the session (they run on its only reading thread); an exception they throw is passed to
/// <paramref name="ended"/> instead of reaching SSH.NET.
/// </summary>
public sealed class ChannelOutputSink(Action<ReadOnlySpan<byte>> received, Action<Exception?> ended) : Stream
{
    // SSH.NET 2026 gives SshCommand.OutputStream a private setter and only replaces the stream on a second
    // execution; Converge executes each command once. Checked by PersistentShellFramingTests.
    private static readonly PropertyInfo OutputStreamProperty =
        typeof(SshCommand).GetProperty(nameof(SshCommand.OutputStream)) ?? throw new MissingMemberException(nameof(SshCommand), nameof(SshCommand.OutputStream));

    private static readonly PropertyInfo ExtendedOutputStreamProperty =
        typeof(SshCommand).GetProperty(nameof(SshCommand.ExtendedOutputStream)) ?? throw new MissingMemberException(nameof(SshCommand), nameof(SshCommand.ExtendedOutputStream));

    private readonly object _sync = new();
    private bool _ended;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>
    /// Makes <paramref name="command"/> write its standard output (or, with <paramref name="stderr"/>, its standard
    /// error) into this sink; call before executing it.
    /// </summary>
    public void AttachTo(SshCommand command, bool stderr = false)
    {
        var property = stderr ? ExtendedOutputStreamProperty : OutputStreamProperty;
        var old = (Stream)property.GetValue(command)!;
        property.SetValue(command, this);
        old.Dispose();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Exception? failure = null;
        lock (_sync)
        {
            if (_ended)
            {
                return;
            }

            try
            {
                received(buffer);
                return;
            }
            catch (Exception e)
            {
                // Never let it reach SSH.NET's session thread: it would tear the whole connection down.
                failure = e;
                _ended = true;
            }
        }

        ended(failure);
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        lock (_sync)
        {
            if (_ended)
            {
                return;
            }

            _ended = true;
        }

        ended(null);
        base.Dispose(disposing);
    }
}
