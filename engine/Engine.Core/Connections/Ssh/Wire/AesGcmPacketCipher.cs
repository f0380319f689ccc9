using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Converge.Core.Connections.Ssh.Wire;

/// <summary>
/// One direction of <c>aes128-gcm@openssh.com</c> / <c>aes256-gcm@openssh.com</c> (OpenSSH PROTOCOL §1.6, after
/// RFC 5647): the 4-byte packet length is sent in the clear as associated data, the rest of the packet is encrypted,
/// a 16-byte tag follows, and the nonce is a 4-byte fixed field and a 64-bit invocation counter that grows by one
/// per packet.
/// </summary>
internal sealed class AesGcmPacketCipher : IDisposable
{
    public const int TagSize = 16;

    private readonly AesGcm _aes;
    private readonly byte[] _nonce;

    public AesGcmPacketCipher(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv)
    {
        _aes = new AesGcm(key, TagSize);
        _nonce = iv[..12].ToArray();
    }

    /// <summary>Encrypts <paramref name="packet"/> (length field first) in place and writes its tag.</summary>
    public void Seal(Span<byte> packet, Span<byte> tag)
    {
        _aes.Encrypt(_nonce, packet[4..], packet[4..], tag, packet[..4]);
        Advance();
    }

    /// <summary>Decrypts <paramref name="packet"/> (length field first) in place; a wrong tag is a broken or forged packet.</summary>
    public void Open(Span<byte> packet, ReadOnlySpan<byte> tag)
    {
        try
        {
            _aes.Decrypt(_nonce, packet[4..], tag, packet[4..], packet[..4]);
        }
        catch (AuthenticationTagMismatchException e)
        {
            throw new WireProtocolException("a packet from the server failed its integrity check (corrupted or tampered with)", e);
        }

        Advance();
    }

    public void Dispose() => _aes.Dispose();

    private void Advance()
    {
        var counter = _nonce.AsSpan(4);
        BinaryPrimitives.WriteUInt64BigEndian(counter, BinaryPrimitives.ReadUInt64BigEndian(counter) + 1);
    }
}
