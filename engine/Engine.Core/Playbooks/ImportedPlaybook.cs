using Converge.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace Converge.Core.Playbooks;

/// <summary>An <c>import_playbook:</c> entry: the file, and the <c>when</c>/<c>vars</c>/<c>tags</c> its plays inherit.</summary>
internal sealed record ImportedPlaybook(string File, YamlNode Node, string? When, IReadOnlyDictionary<string, object?> Vars, IReadOnlyList<string> Tags)
{
    public static ImportedPlaybook? Read(YamlReader reader, YamlMappingNode mapping, string path)
    {
        var entry = mapping.Children.FirstOrDefault(c => ModuleNames.Short(YamlValues.KeyText(c.Key)) == "import_playbook");
        if (entry.Key is null)
        {
            return null;
        }

        string? when = null;
        IReadOnlyDictionary<string, object?> vars = new Dictionary<string, object?>();
        IReadOnlyList<string> tags = [];
        foreach (var (key, value) in mapping.Children.Where(c => c.Key != entry.Key))
        {
            switch (YamlValues.KeyText(key))
            {
                case "name": break;
                case "when": when = PlaybookLoader.Condition(reader, value, "when"); break;
                case "vars": vars = reader.Variables(value, "vars"); break;
                case "tags": tags = [.. reader.Strings(value, "tags").Select(s => s.Value)]; break;
                default: reader.Error(key, $"unknown key '{YamlValues.KeyText(key)}' beside import_playbook; it takes name, when, vars and tags"); break;
            }
        }

        return new ImportedPlaybook(reader.String(entry.Value, "import_playbook") ?? string.Empty, entry.Value, when, vars, tags);
    }

    /// <summary>This import nested in another: conditions hold together, inner vars win, tags add up.</summary>
    public ImportedPlaybook Within(ImportedPlaybook? outer) => outer is null ? this : this with
    {
        When = outer.When is null ? When : When is null ? outer.When : $"({outer.When}) and ({When})",
        Vars = new Dictionary<string, object?>(outer.Vars.Concat(Vars).GroupBy(p => p.Key).Select(g => g.Last())),
        Tags = [.. outer.Tags, .. Tags],
    };
}
