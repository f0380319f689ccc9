namespace Converge.Core.Connections.Ssh;

/// <summary>
/// A write-only view of the shell's input that passes at most the announced number of bytes, so content that
/// grew after its length was sent (a file being written while it is uploaded) cannot spill into the next request.
/// Once <paramref name="replied"/> says the request's reply has come, nothing more is written: the shell read the
/// whole input before replying unless the script failed without reading it, and then the loop exits, so the rest
/// would only race the channel's close (OpenSSH ends the connection on data for a channel it has freed).
/// </summary>
public sealed class ExactLengthStream(Stream inner, long length, Func<bool>? replied = null) : Stream
{
    private readonly long _length = length;

    public long Remaining { get; private set; } = length;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _length - Remaining;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        StopIfReplied();
        var take = (int)Math.Min(buffer.Length, Remaining);
        inner.Write(buffer[..take]);
        Remaining -= take;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        StopIfReplied();
        var take = (int)Math.Min(buffer.Length, Remaining);
        await inner.WriteAsync(buffer[..take], cancellationToken);
        Remaining -= take;
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    private void StopIfReplied()
    {
        if (replied?.Invoke() == true)
        {
            throw new InvalidOperationException("the remote shell replied before reading its input");
        }
    }
}
