namespace Converge.Modules.AuthorizedKey;

/// <summary>
/// One entry of an authorized_keys file as Ansible's module parses it: a key (its base64 blob is its
/// identity) with type, options and comment, or a line kept as is (comments, blanks, anything else).
/// </summary>
public sealed record AuthorizedKeyEntry(string Id, string? Type, IReadOnlyList<KeyValuePair<string, string?>> Options, string? Comment, int Rank)
{
    public bool IsKey => Type is not null;

    /// <summary>Everything but the rank, as Ansible compares (key, type, options, comment).</summary>
    public bool SameAs(AuthorizedKeyEntry other) =>
        Id == other.Id && Type == other.Type && Comment == other.Comment && Options.SequenceEqual(other.Options);

    /// <summary>Ansible's serialize: <c>options type key comment\n</c> (a trailing space when there is no comment, as Ansible writes).</summary>
    public string Render()
    {
        if (!IsKey)
        {
            return Id;
        }

        var options = Options.Count == 0 ? string.Empty : string.Join(',', Options.Select(o => o.Value is null ? o.Key : $"{o.Key}={o.Value}")) + " ";
        return $"{options}{Type} {Id} {Comment}\n";
    }
}
