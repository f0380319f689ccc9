using System.Buffers.Binary;
using System.Text;

namespace Converge.Core.Connections.Ssh.Wire;

/// <summary>Reads an SSH message's fields (RFC 4251 §5); a field that runs past the end is a protocol error, never a crash.</summary>
internal ref struct SshPayloadReader
{
    private ReadOnlySpan<byte> _rest;

    public SshPayloadReader(ReadOnlySpan<byte> payload)
    {
        _rest = payload;
    }

    public readonly bool AtEnd => _rest.IsEmpty;

    public byte Byte()
    {
        var value = Take(1)[0];
        return value;
    }

    public bool Boolean() => Byte() != 0;

    public uint UInt32() => BinaryPrimitives.ReadUInt32BigEndian(Take(4));

    public ReadOnlySpan<byte> String()
    {
        var length = UInt32();
        return length > (uint)_rest.Length ? throw Malformed() : Take((int)length);
    }

    public string Utf8() => Encoding.UTF8.GetString(String());

    public string[] NameList()
    {
        var text = Encoding.ASCII.GetString(String());
        return text.Length == 0 ? [] : text.Split(',');
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > _rest.Length)
        {
            throw Malformed();
        }

        var taken = _rest[..count];
        _rest = _rest[count..];
        return taken;
    }

    private static WireProtocolException Malformed() => new("the server sent a malformed message (a field runs past its end)");
}
