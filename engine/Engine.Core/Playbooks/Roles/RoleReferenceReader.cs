using Converge.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace Converge.Core.Playbooks.Roles;

/// <summary>Reads a role reference: a plain name, or a mapping with <c>role:</c> (or <c>name:</c>) and options.</summary>
internal static class RoleReferenceReader
{
    public static RoleReference? Read(YamlReader reader, YamlNode node, string what)
    {
        if (node is YamlScalarNode { Value: { Length: > 0 } name })
        {
            return new RoleReference(name, reader.Span(node), node);
        }

        if (reader.Mapping(node, what) is not { } mapping)
        {
            return null;
        }

        var role = mapping.Children.TryGetValue(new YamlScalarNode("role"), out var r) ? r
            : mapping.Children.TryGetValue(new YamlScalarNode("name"), out var n) ? n : null;
        if (role is null || reader.String(role, "role") is not { Length: > 0 } roleName)
        {
            reader.Error(node, $"{what} needs 'role:' (the role's name or folder)");
            return null;
        }

        var reference = new RoleReference(roleName, reader.Span(role), node);
        var parameters = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in mapping.Children)
        {
            var key = YamlValues.KeyText(keyNode);
            switch (key)
            {
                case "role" or "name" or "public" or "rolespec_validate" or "allow_duplicates": break;
                case "vars":
                    foreach (var (k, v) in reader.Variables(value, key))
                    {
                        parameters[k] = v;
                    }

                    break;
                case "when": reference = reference with { When = PlaybookLoader.Condition(reader, value, key) }; break;
                case "tags": reference = reference with { Tags = [.. reader.Strings(value, key).Select(s => s.Value)] }; break;
                case "become": reference = reference with { Become = reader.Bool(value, key) }; break;
                case "become_user": reference = reference with { BecomeUser = reader.String(value, key) }; break;
                case "tasks_from": reference = reference with { TasksFrom = reader.String(value, key) ?? "main" }; break;
                case "vars_from": reference = reference with { VarsFrom = reader.String(value, key) ?? "main" }; break;
                case "defaults_from": reference = reference with { DefaultsFrom = reader.String(value, key) ?? "main" }; break;
                case "handlers_from": reference = reference with { HandlersFrom = reader.String(value, key) ?? "main" }; break;
                case "apply" when what == "include_role": break; // read by the loader with the include (PlaybookLoader.Includes)
                default:
                    // Any other key is a role parameter (Ansible's old style: "- { role: x, port: 80 }").
                    parameters[key] = YamlValues.ToPlain(value);
                    break;
            }
        }

        return reference with { Params = parameters };
    }
}
