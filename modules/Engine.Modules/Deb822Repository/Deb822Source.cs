using System.Text;
using System.Text.RegularExpressions;

namespace Converge.Modules.Deb822Repository;

/// <summary>The text of a deb822 <c>.sources</c> file as Ansible's deb822_repository writes it: one stanza, lists space-joined, booleans yes/no.</summary>
public static partial class Deb822Source
{
    /// <summary>Ansible's file slug: lowercase, runs of <c>_</c>/whitespace to <c>-</c>, anything else but a-z, 0-9 and '-' dropped.</summary>
    public static string Slug(string name) => Dropped().Replace(Dashes().Replace(name.ToLowerInvariant(), "-"), string.Empty);

    public static string Render(Deb822RepositoryParams p)
    {
        var fields = new List<(string Key, string? Value)>
        {
            ("X-Repolib-Name", p.Name),
            ("Types", List(p.Types)),
            ("URIs", List(p.Uris)),
            ("Suites", List(p.Suites)),
            ("Components", List(p.Components)),
            ("Architectures", List(p.Architectures)),
            ("Languages", List(p.Languages)),
            ("Targets", List(p.Targets)),
            ("Enabled", Bool(p.Enabled)),
            ("Trusted", Bool(p.Trusted)),
            ("Allow-Insecure", Bool(p.AllowInsecure)),
            ("Allow-Weak", Bool(p.AllowWeak)),
            ("Allow-Downgrade-To-Insecure", Bool(p.AllowDowngradeToInsecure)),
            ("By-Hash", Bool(p.ByHash)),
            ("Check-Date", Bool(p.CheckDate)),
            ("Check-Valid-Until", Bool(p.CheckValidUntil)),
            ("Date-Max-Future", p.DateMaxFuture?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("InRelease-Path", p.InreleasePath),
            ("PDiffs", Bool(p.Pdiffs)),
            ("Signed-By", p.SignedBy is null ? null : Multiline(p.SignedBy.Trim())),
        };
        var text = new StringBuilder();
        foreach (var (key, value) in fields.Where(f => f.Value is not null))
        {
            text.Append(key).Append(':').Append(value!.StartsWith('\n') ? string.Empty : " ").Append(value).Append('\n');
        }

        return text.ToString();
    }

    private static string? List(IReadOnlyList<string>? values) => values is null || values.Count == 0 ? null : string.Join(' ', values);

    private static string? Bool(bool? value) => value is null ? null : value.Value ? "yes" : "no";

    /// <summary>A multi-line value continues on lines starting with a space; an empty line is written <c> .</c> (deb822).</summary>
    private static string Multiline(string value) =>
        !value.Contains('\n', StringComparison.Ordinal) ? value : "\n" + string.Join('\n', value.Split('\n').Select(l => l.TrimEnd().Length == 0 ? " ." : " " + l.TrimEnd()));

    [GeneratedRegex(@"[_\s]+")]
    private static partial Regex Dashes();

    [GeneratedRegex("[^a-z0-9-]+")]
    private static partial Regex Dropped();
}
