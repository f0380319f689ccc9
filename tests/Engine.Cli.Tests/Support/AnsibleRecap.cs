using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Converge.Cli.Tests.Support;

/// <summary>
/// What a <c>record-ansible.sh</c> writes (each host's recap, then every file under the root: name, then content)
/// and the same read from a converge run (its JSON report and the root), in one shape so they compare line by line.
/// </summary>
internal static class AnsibleRecap
{
    private const string FilesHeading = "# files\n";

    /// <summary>The recorded files section.</summary>
    public static string RecordedFiles(string recorded) => recorded[(recorded.IndexOf(FilesHeading, StringComparison.Ordinal) + FilesHeading.Length)..];

    /// <summary>Every file under the root, as the recording scripts list them: name, then content.</summary>
    public static string Files(string root)
    {
        var text = new StringBuilder();
        foreach (var file in Directory.EnumerateFiles(root).Order(StringComparer.Ordinal))
        {
            text.Append("== ").Append(Path.GetFileName(file)).Append('\n').Append(File.ReadAllText(file));
        }

        return text.ToString();
    }

    /// <summary>Ansible's recap lines: its ok counts changed tasks too, so converge's ok + changed is compared with it.</summary>
    public static List<string> Recorded(string recorded) =>
    [
        .. recorded[..recorded.IndexOf(FilesHeading, StringComparison.Ordinal)].Split('\n').Where(l => l.StartsWith('h')).Select(l =>
        {
            var fields = l.Split(' ').Skip(1).Select(f => f.Split('=')).ToDictionary(f => f[0], f => f[1]);
            return $"{l.Split(' ')[0]} ok={fields["ok"]} changed={fields["changed"]} failed={fields["failed"]} skipped={fields["skipped"]} rescued={fields["rescued"]} ignored={fields["ignored"]}";
        }),
    ];

    /// <summary>Converge's recap, from its JSON report, in the recorded shape.</summary>
    public static List<string> Of(JsonNode report) =>
    [
        .. report["hosts"]!.AsObject().OrderBy(h => h.Key, StringComparer.Ordinal).Select(h =>
        {
            int Count(string name) => (int)h.Value![name]!;
            return string.Create(CultureInfo.InvariantCulture, $"{h.Key} ok={Count("ok") + Count("changed")} changed={Count("changed")} failed={Count("failed")} skipped={Count("skipped")} rescued={Count("rescued")} ignored={Count("ignored")}");
        }),
    ];
}
