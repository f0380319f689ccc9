using System.Buffers.Binary;
using System.Text;

namespace Converge.Core.Connections.Ssh.Wire;

/// <summary>
/// Builds an SSH message in the wire encoding of RFC 4251 §5 (byte, uint32, string, mpint, name-list, boolean).
/// The first <see cref="HeaderSpace"/> bytes are left free, so <see cref="WireTransport"/> can frame and encrypt the
/// packet in place without copying the payload.
/// </summary>
internal sealed class SshPayloadWriter
{
    /// <summary>Room for the packet length and the padding length in front of the payload.</summary>
    public const int HeaderSpace = 5;

    private byte[] _buffer;
    private int _length;

    public SshPayloadWriter(int capacity = 256)
    {
        _buffer = new byte[Math.Max(capacity, 64)];
        _length = HeaderSpace;
    }

    /// <summary>The payload written so far (without the header space).</summary>
    public ReadOnlySpan<byte> Payload => _buffer.AsSpan(HeaderSpace, _length - HeaderSpace);

    /// <summary>The whole buffer, header space included, for framing in place.</summary>
    internal byte[] Buffer => _buffer;

    internal int Length => _length;

    public static SshPayloadWriter Message(byte number, int capacity = 256) => new SshPayloadWriter(capacity).Byte(number);

    public SshPayloadWriter Byte(byte value)
    {
        Reserve(1)[0] = value;
        return this;
    }

    public SshPayloadWriter Boolean(bool value) => Byte(value ? (byte)1 : (byte)0);

    public SshPayloadWriter UInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(Reserve(4), value);
        return this;
    }

    public SshPayloadWriter String(ReadOnlySpan<byte> value)
    {
        UInt32((uint)value.Length);
        value.CopyTo(Reserve(value.Length));
        return this;
    }

    public SshPayloadWriter String(string value)
    {
        var count = Encoding.UTF8.GetByteCount(value);
        UInt32((uint)count);
        Encoding.UTF8.GetBytes(value, Reserve(count));
        return this;
    }

    public SshPayloadWriter NameList(IEnumerable<string> names) => String(string.Join(',', names));

    /// <summary>An unsigned big-endian integer as an mpint: leading zeros dropped, a zero byte added when the top bit is set.</summary>
    public SshPayloadWriter Mpint(ReadOnlySpan<byte> unsignedBigEndian)
    {
        var value = unsignedBigEndian.TrimStart((byte)0);
        var pad = value.Length > 0 && (value[0] & 0x80) != 0;
        UInt32((uint)(value.Length + (pad ? 1 : 0)));
        if (pad)
        {
            Byte(0);
        }

        value.CopyTo(Reserve(value.Length));
        return this;
    }

    public SshPayloadWriter Raw(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(Reserve(bytes.Length));
        return this;
    }

    /// <summary>Makes room for <paramref name="count"/> bytes at the end and returns them.</summary>
    internal Span<byte> Reserve(int count)
    {
        if (_length + count > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + count + 64));
        }

        var span = _buffer.AsSpan(_length, count);
        _length += count;
        return span;
    }
}
