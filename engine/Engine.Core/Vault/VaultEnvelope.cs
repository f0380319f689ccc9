using System.Globalization;
using System.Text;

namespace Converge.Core.Vault;

/// <summary>
/// The text form of Ansible vault data: a header line <c>$ANSIBLE_VAULT;1.1;AES256</c> (or
/// <c>1.2;AES256;LABEL</c> with a vault id) and the hex of <c>hex(salt)\nhex(hmac)\nhex(ciphertext)</c>
/// in lines of 80, as ansible/parsing/vault/__init__.py writes it.
/// </summary>
public sealed record VaultEnvelope(string Version, string Cipher, string? Label, byte[] Salt, byte[] Hmac, byte[] Ciphertext)
{
    public const string Marker = "$ANSIBLE_VAULT";

    /// <summary>Whether a text (a file's content, a scalar) is vaulted.</summary>
    public static bool IsVaulted(string text) => text.TrimStart().StartsWith(Marker + ";", StringComparison.Ordinal);

    /// <summary>Whether the raw bytes of a file are vaulted.</summary>
    public static bool IsVaulted(ReadOnlySpan<byte> content)
    {
        var marker = Encoding.ASCII.GetBytes(Marker + ";");
        var start = 0;
        while (start < content.Length && content[start] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            start++;
        }

        return content[start..].StartsWith(marker);
    }

    public static VaultEnvelope Parse(string text)
    {
        var lines = text.Trim().Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        if (lines.Count < 2)
        {
            throw new VaultException("vaulted data has a header but no body");
        }

        var header = lines[0].Split(';');
        if (header.Length < 3 || header[0] != Marker)
        {
            throw new VaultException($"not a vault header: expected '{Marker};1.1;AES256' or '{Marker};1.2;AES256;LABEL'");
        }

        var (version, cipher) = (header[1], header[2]);
        if (version is not ("1.1" or "1.2"))
        {
            throw new VaultException($"vault format version {version} is not supported (1.1 and 1.2 are)");
        }

        if (cipher != "AES256")
        {
            throw new VaultException($"vault cipher {cipher} is not supported (AES256 is)");
        }

        var label = version == "1.2" && header.Length > 3 ? header[3] : null;
        var inner = Encoding.ASCII.GetString(Unhex(string.Concat(lines.Skip(1)), "body")).Split('\n');
        if (inner.Length != 3)
        {
            throw new VaultException("vaulted data is malformed: its body must hold salt, HMAC and ciphertext");
        }

        return new VaultEnvelope(version, cipher, label, Unhex(inner[0], "salt"), Unhex(inner[1], "HMAC"), Unhex(inner[2], "ciphertext"));
    }

    /// <summary>The envelope's text: header, then the body in lines of 80, each ending in a newline.</summary>
    public string Format()
    {
        var header = Label is null ? $"{Marker};{Version};{Cipher}" : $"{Marker};{Version};{Cipher};{Label}";
        var inner = $"{Hex(Salt)}\n{Hex(Hmac)}\n{Hex(Ciphertext)}";
        var body = Hex(Encoding.ASCII.GetBytes(inner));
        var text = new StringBuilder(header).Append('\n');
        for (var i = 0; i < body.Length; i += 80)
        {
            text.Append(body, i, Math.Min(80, body.Length - i)).Append('\n');
        }

        return text.ToString();
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    private static byte[] Unhex(string hex, string part)
    {
        try
        {
            return Convert.FromHexString(hex.Trim());
        }
        catch (FormatException)
        {
            throw new VaultException(string.Create(CultureInfo.InvariantCulture, $"vaulted data is malformed: its {part} is not hexadecimal"));
        }
    }
}
