using System.Text.RegularExpressions;

namespace Converge.Modules.AuthorizedKey;

/// <summary>
/// The pure edit of an authorized_keys file, ported from ansible.posix's authorized_key (parsekey,
/// parsekeys, enforce_state, serialize) so both write the same bytes: entries keyed by key blob (other
/// lines by their text), new keys after the existing ones, exclusive keeping only the given keys.
/// </summary>
public static partial class AuthorizedKeysFile
{
    private static readonly HashSet<string> KeyTypes =
    [
        "sk-ecdsa-sha2-nistp256@openssh.com", "sk-ecdsa-sha2-nistp256-cert-v01@openssh.com", "webauthn-sk-ecdsa-sha2-nistp256@openssh.com",
        "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp256-cert-v01@openssh.com", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp384-cert-v01@openssh.com",
        "ecdsa-sha2-nistp521", "ecdsa-sha2-nistp521-cert-v01@openssh.com", "sk-ssh-ed25519@openssh.com", "sk-ssh-ed25519-cert-v01@openssh.com",
        "ssh-ed25519", "ssh-ed25519-cert-v01@openssh.com", "ssh-dss", "ssh-rsa", "ssh-xmss@openssh.com", "ssh-xmss-cert-v01@openssh.com",
        "rsa-sha2-256", "rsa-sha2-512", "ssh-rsa-cert-v01@openssh.com", "rsa-sha2-256-cert-v01@openssh.com", "rsa-sha2-512-cert-v01@openssh.com",
        "ssh-dss-cert-v01@openssh.com",
    ];

    /// <summary>The keys given in the <c>key</c> param: non-empty lines not starting with <c>#</c>.</summary>
    public static IReadOnlyList<string> GivenKeys(string key) =>
        [.. key.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Where(s => s.Length > 0 && !s.StartsWith('#'))];

    /// <summary>Ansible's parsekey: null when the line holds no known key type (the caller keeps it as a line).</summary>
    public static AuthorizedKeyEntry? Parse(string raw, int rank)
    {
        var parts = raw.Replace(@"\#", "#", StringComparison.Ordinal).Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length > 0 && parts[0] == "#")
        {
            return new AuthorizedKeyEntry(raw, null, [], null, rank);
        }

        var typeIndex = Array.FindIndex(parts, KeyTypes.Contains);
        if (typeIndex < 0 || typeIndex + 1 >= parts.Length)
        {
            return null;
        }

        var options = typeIndex > 0 ? ParseOptions(string.Join(' ', parts[..typeIndex])) : [];
        return new AuthorizedKeyEntry(parts[typeIndex + 1], parts[typeIndex], options, string.Join(' ', parts[(typeIndex + 2)..]), rank);
    }

    /// <summary>Ansible's parseoptions: split on commas outside quotes; <c>k=v</c> or a flag; a repeated option keeps its first place.</summary>
    public static IReadOnlyList<KeyValuePair<string, string?>> ParseOptions(string? options)
    {
        var result = new List<KeyValuePair<string, string?>>();
        if (string.IsNullOrEmpty(options))
        {
            return result;
        }

        foreach (Match part in OptionPart().Matches(options))
        {
            var text = part.Value;
            var (key, value) = text.IndexOf('=', StringComparison.Ordinal) is var at and >= 0 ? (text[..at], text[(at + 1)..]) : (text, (string?)null);
            var index = result.FindIndex(o => o.Key == key);
            if (index >= 0)
            {
                result[index] = new(key, value);
            }
            else
            {
                result.Add(new(key, value));
            }
        }

        return result;
    }

    /// <summary>Ansible's enforce_state on the file's text; returns the new text, or null when nothing changes.</summary>
    public static string? Enforce(string? existing, AuthorizedKeyParams parameters)
    {
        var entries = ParseAll(existing ?? string.Empty);
        var maxRank = entries.Count;
        var keep = new HashSet<string>(StringComparer.Ordinal);
        var write = false;
        var given = GivenKeys(parameters.Key);
        for (var rank = 0; rank < given.Count; rank++)
        {
            var key = Parse(given[rank], rank) ?? throw new ArgumentException($"invalid key specified: {given[rank]}");
            if (parameters.KeyOptions is not null)
            {
                key = key with { Options = ParseOptions(parameters.KeyOptions) };
            }

            if (parameters.Comment is not null)
            {
                key = key with { Comment = parameters.Comment };
            }

            var matched = false;
            if (entries.TryGetValue(key.Id, out var old))
            {
                if (!key.SameAs(old) && parameters.State == "present")
                {
                    entries.Remove(key.Id);
                    write = true;
                }
                else
                {
                    matched = true;
                }
            }

            if (parameters.State == "present")
            {
                keep.Add(key.Id);
                if (!matched)
                {
                    entries.Set(key.Id, key with { Rank = maxRank + key.Rank });
                    write = true;
                }
            }
            else if (matched)
            {
                entries.Remove(key.Id);
                write = true;
            }
        }

        if (parameters.State == "present" && parameters.Exclusive)
        {
            foreach (var id in entries.Keys.Where(id => !keep.Contains(id)).ToList())
            {
                entries.Remove(id);
                write = true;
            }
        }

        return write ? string.Concat(entries.Values.OrderBy(e => e.Rank).Select(e => e.Render())) : null;
    }

    /// <summary>Ansible's parsekeys: every line (with its newline) keyed by its key blob, or by its text when it is no key.</summary>
    private static OrderedEntries ParseAll(string text)
    {
        var entries = new OrderedEntries();
        var rank = 0;
        foreach (Match line in LineWithBreak().Matches(text))
        {
            var entry = Parse(line.Value, rank) ?? new AuthorizedKeyEntry(line.Value, null, [], null, rank);
            entries.Set(entry.Id, entry);
            rank++;
        }

        return entries;
    }

    [GeneratedRegex(@"(?:[^,""']|""[^""]*""|'[^']*')+")]
    private static partial Regex OptionPart();

    [GeneratedRegex(@"[^\n]*\n|[^\n]+$")]
    private static partial Regex LineWithBreak();

    /// <summary>Python's dict semantics: assigning an existing key keeps its place; removing and adding moves it last.</summary>
    private sealed class OrderedEntries
    {
        private readonly List<string> _order = [];
        private readonly Dictionary<string, AuthorizedKeyEntry> _entries = new(StringComparer.Ordinal);

        public int Count => _order.Count;

        public IEnumerable<string> Keys => _order;

        public IEnumerable<AuthorizedKeyEntry> Values => _order.Select(k => _entries[k]);

        public bool TryGetValue(string key, out AuthorizedKeyEntry value) => _entries.TryGetValue(key, out value!);

        public void Set(string key, AuthorizedKeyEntry value)
        {
            if (_entries.TryAdd(key, value))
            {
                _order.Add(key);
            }
            else
            {
                _entries[key] = value;
            }
        }

        public void Remove(string key)
        {
            if (_entries.Remove(key))
            {
                _order.Remove(key);
            }
        }
    }
}
