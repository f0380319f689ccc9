using System.Security.Cryptography;
using Converge.Core.Secrets;

namespace Converge.Core.Vault;

/// <summary>
/// Ansible's VaultAES256: PBKDF2-HMAC-SHA256 (10,000 rounds, 32-byte salt) derives 80 bytes — an AES
/// key, an HMAC key and the initial counter — then AES-256 in CTR mode over the PKCS#7-padded plaintext,
/// authenticated by HMAC-SHA256 over the ciphertext (ansible/parsing/vault/__init__.py, VaultAES256).
/// </summary>
public static class VaultCipher
{
    private const int Iterations = 10_000;
    private const int KeyLength = 32;
    private const int BlockLength = 16;

    public static VaultEnvelope Encrypt(ReadOnlySpan<byte> plaintext, Secret password, string? label)
    {
        var salt = RandomNumberGenerator.GetBytes(32);
        var (key, hmacKey, counter) = Derive(password, salt);
        var padded = Pad(plaintext);
        var ciphertext = Ctr(key, counter, padded);
        var hmac = HMACSHA256.HashData(hmacKey, ciphertext);
        return new VaultEnvelope(label is null or VaultPassword.DefaultLabel ? "1.1" : "1.2", "AES256",
            label is null or VaultPassword.DefaultLabel ? null : label, salt, hmac, ciphertext);
    }

    /// <summary>The plaintext, or null when the password does not open the envelope (its HMAC differs).</summary>
    public static byte[]? TryDecrypt(VaultEnvelope envelope, Secret password)
    {
        var (key, hmacKey, counter) = Derive(password, envelope.Salt);
        var expected = HMACSHA256.HashData(hmacKey, envelope.Ciphertext);
        if (!CryptographicOperations.FixedTimeEquals(expected, envelope.Hmac))
        {
            return null;
        }

        var padded = Ctr(key, counter, envelope.Ciphertext);
        return Unpad(padded);
    }

    private static (byte[] Key, byte[] HmacKey, byte[] Counter) Derive(Secret password, byte[] salt)
    {
        var derived = Rfc2898DeriveBytes.Pbkdf2(password.Reveal(), salt, Iterations, HashAlgorithmName.SHA256, 2 * KeyLength + BlockLength);
        return (derived[..KeyLength], derived[KeyLength..(2 * KeyLength)], derived[(2 * KeyLength)..]);
    }

    /// <summary>CTR mode from ECB: each 16-byte counter block (big-endian, incremented) is encrypted and XORed in.</summary>
    private static byte[] Ctr(byte[] key, byte[] initialCounter, byte[] input)
    {
        using var aes = Aes.Create();
        aes.Key = key;
        var counter = (byte[])initialCounter.Clone();
        var stream = new byte[input.Length + BlockLength - 1 - ((input.Length + BlockLength - 1) % BlockLength)];
        for (var offset = 0; offset < stream.Length; offset += BlockLength)
        {
            counter.CopyTo(stream, offset);
            Increment(counter);
        }

        var keystream = aes.EncryptEcb(stream, PaddingMode.None);
        var output = new byte[input.Length];
        for (var i = 0; i < input.Length; i++)
        {
            output[i] = (byte)(input[i] ^ keystream[i]);
        }

        return output;
    }

    private static void Increment(byte[] counter)
    {
        for (var i = counter.Length - 1; i >= 0; i--)
        {
            if (++counter[i] != 0)
            {
                return;
            }
        }
    }

    private static byte[] Pad(ReadOnlySpan<byte> plaintext)
    {
        var padding = BlockLength - (plaintext.Length % BlockLength);
        var padded = new byte[plaintext.Length + padding];
        plaintext.CopyTo(padded);
        padded.AsSpan(plaintext.Length).Fill((byte)padding);
        return padded;
    }

    private static byte[] Unpad(byte[] padded)
    {
        var padding = padded.Length == 0 ? 0 : padded[^1];
        if (padding is < 1 or > BlockLength || padding > padded.Length || padded.AsSpan(padded.Length - padding).ContainsAnyExcept((byte)padding))
        {
            throw new VaultException("vaulted data is corrupt: its padding is invalid although its HMAC matched");
        }

        return padded[..^padding];
    }
}
