using System.Collections.Concurrent;
using System.Text;
using Converge.Core.Secrets;

namespace Converge.Core.Vault;

/// <summary>
/// The vault passwords of a run. Decrypts vaulted files and <c>!vault</c> values, and remembers every
/// plaintext it revealed so the run's <see cref="Redactor"/> removes them from anything printed.
/// Loaders find the keyring of the current run through <see cref="Current"/>, set once by the command
/// that loads (YAML values are converted by static code that has no run to ask).
/// </summary>
public sealed class VaultKeyring
{
    private static readonly AsyncLocal<VaultKeyring?> Ambient = new();

    private readonly ConcurrentDictionary<string, byte> _revealed = new(StringComparer.Ordinal);

    public VaultKeyring(IReadOnlyList<VaultPassword> passwords)
    {
        Passwords = passwords;
    }

    /// <summary>The keyring of the run on this async flow; an empty one when none was given.</summary>
    public static VaultKeyring Current
    {
        get => Ambient.Value ?? Empty;
        set => Ambient.Value = value;
    }

    public static VaultKeyring Empty { get; } = new([]);

    public IReadOnlyList<VaultPassword> Passwords { get; }

    /// <summary>Every plaintext revealed so far (for the redactor).</summary>
    public IEnumerable<string> Revealed => _revealed.Keys;

    public string DecryptText(string vaulted, string what) => Encoding.UTF8.GetString(Decrypt(vaulted, what));

    /// <summary>
    /// Opens vaulted text with the password whose vault id matches its header first, then with every
    /// other password, as Ansible does by default (<c>vault_id_match</c> off).
    /// </summary>
    public byte[] Decrypt(string vaulted, string what)
    {
        if (Passwords.Count == 0)
        {
            throw new VaultException($"{what} is vaulted, but no vault password was given (use --vault-password-file, --vault-id or --ask-vault-pass)");
        }

        var envelope = VaultEnvelope.Parse(vaulted);

        var ordered = Passwords.OrderBy(p => p.Label == envelope.Label ? 0 : 1);
        foreach (var password in ordered)
        {
            if (VaultCipher.TryDecrypt(envelope, password.Password) is { } plaintext)
            {
                Remember(plaintext);
                return plaintext;
            }
        }

        var tried = string.Join(", ", Passwords.Select(p => $"{p.Label} ({p.Source})"));
        throw new VaultException($"{what} is vaulted{(envelope.Label is null ? string.Empty : $" with vault id '{envelope.Label}'")}, and no given password opens it (tried {tried})");
    }

    /// <summary>Registers every plaintext revealed so far, and the passwords themselves, with a redactor.</summary>
    public void RegisterWith(Redactor redactor)
    {
        foreach (var password in Passwords)
        {
            redactor.Register(password.Password);
        }

        foreach (var value in _revealed.Keys)
        {
            redactor.Register(new Secret(value));
        }
    }

    private void Remember(byte[] plaintext)
    {
        var text = Encoding.UTF8.GetString(plaintext);
        _revealed.TryAdd(text, 0);

        // A vaulted file's plaintext is YAML; its scalar values, not the whole file, are what templates print.
        foreach (var line in text.Split('\n'))
        {
            var colon = line.IndexOf(": ", StringComparison.Ordinal);
            if (colon > 0 && line[(colon + 2)..].Trim().Trim('"', '\'') is { Length: >= 3 } value)
            {
                _revealed.TryAdd(value, 0);
            }
        }
    }
}
