using Converge.Core.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace Converge.Core.Playbooks.Roles;

/// <summary>
/// A use of a role, as written in <c>roles:</c>, <c>import_role:</c> or a role's <c>dependencies:</c>: its name,
/// the params it is given, its when and tags, and which of its files to read (<c>tasks_from</c>, ...).
/// </summary>
internal sealed record RoleReference(string Name, SourceSpan Span, YamlNode Node)
{
    public IReadOnlyDictionary<string, object?> Params { get; init; } = new Dictionary<string, object?>();

    public string? When { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public bool? Become { get; init; }

    public string? BecomeUser { get; init; }

    public string TasksFrom { get; init; } = "main";

    public string VarsFrom { get; init; } = "main";

    public string DefaultsFrom { get; init; } = "main";

    public string HandlersFrom { get; init; } = "main";

    /// <summary>Identity for "runs once per play": the same role with the same params is expanded once.</summary>
    public string Key(string path) =>
        $"{path}|{TasksFrom}|{string.Join(",", Params.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={System.Text.Json.JsonSerializer.Serialize(p.Value)}"))}";
}
