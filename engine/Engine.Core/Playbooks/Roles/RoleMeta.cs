using Converge.Core.Diagnostics;
using Converge.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace Converge.Core.Playbooks.Roles;

/// <summary>A role's <c>meta/main.yml</c>: its dependencies and whether it may run more than once in a play.</summary>
/// <param name="Reader">The reader of meta/main.yml, so a dependency's mistakes point into that file.</param>
internal sealed record RoleMeta(IReadOnlyList<RoleReference> Dependencies, bool AllowDuplicates, YamlReader? Reader)
{
    private static readonly string[] Keys = ["galaxy_info", "dependencies", "allow_duplicates", "collections", "argument_specs"];

    public static RoleMeta Read(string roleDirectory, DiagnosticBag diagnostics)
    {
        var path = RoleFiles.Find(roleDirectory, "meta", "main");
        if (path is null || YamlFile.Load(path, diagnostics) is not { Root: YamlMappingNode mapping } file)
        {
            return new RoleMeta([], false, null);
        }

        var reader = new YamlReader(file, diagnostics);
        var dependencies = new List<RoleReference>();
        var allowDuplicates = false;
        foreach (var (keyNode, value) in mapping.Children)
        {
            var key = YamlValues.KeyText(keyNode);
            switch (key)
            {
                case "dependencies" when value is YamlSequenceNode list:
                    dependencies.AddRange(list.Children.Select(d => RoleReferenceReader.Read(reader, d, "a role dependency")).OfType<RoleReference>());
                    break;
                case "dependencies" when value is YamlScalarNode { Value: null or "" }: break;
                case "dependencies": reader.Error(value, $"'dependencies' must be a list of roles, not a {YamlReader.Describe(value)}"); break;
                case "allow_duplicates": allowDuplicates = reader.Bool(value, key) ?? false; break;
                case "galaxy_info" or "collections" or "argument_specs": break;
                default:
                    reader.Error(keyNode, $"unknown key '{key}' in a role's meta/main.yml{NameSuggestion.DidYouMean(key, Keys)}; it has {string.Join(", ", Keys)}");
                    break;
            }
        }

        return new RoleMeta(dependencies, allowDuplicates, reader);
    }
}
