using System.Text.Json;
using Converge.TestKit;

namespace Converge.Benchmarks;

/// <summary>
/// The template benchmark's work, read from the differential corpus: the template files Ansible renders (with
/// their recorded variables), the expressions it renders without error, and those again as bare conditions.
/// </summary>
public sealed record TemplateWork(
    IReadOnlyList<TemplateWork.File> Files,
    IReadOnlyList<string> Expressions,
    IReadOnlyList<string> Conditions,
    Dictionary<string, object?> Facts,
    Dictionary<string, object?> Vars)
{
    public sealed record File(string Path, string Text, Dictionary<string, object?> Vars);

    public static TemplateWork Load(string corpus)
    {
        JsonElement Read(string name) => JsonDocument.Parse(System.IO.File.ReadAllText(Path.Combine(corpus, name))).RootElement;
        var files = Read("templates.recorded.json").EnumerateArray().Where(r => !r.TryGetProperty("error", out _)).Select(r =>
        {
            var path = Path.Combine(RepositoryPaths.Root, "tests", "Corpus", r.GetProperty("path").GetString()!);
            return new File(path, System.IO.File.ReadAllText(path), (Dictionary<string, object?>)Plain(r.GetProperty("vars"))!);
        }).ToList();
        var expressions = Read("expressions.recorded.json").EnumerateArray().Where(r => !r.TryGetProperty("error", out _))
            .Select(r => r.GetProperty("template").GetString()!).ToList();
        var conditions = expressions.Where(e => e.StartsWith("{{", StringComparison.Ordinal) && e.EndsWith("}}", StringComparison.Ordinal)
            && e.Split("{{").Length == 2 && !e.Contains("{%", StringComparison.Ordinal)).Select(e => e[2..^2].Trim()).ToList();
        return new TemplateWork(files, expressions, conditions,
            (Dictionary<string, object?>)Plain(Read("templates.facts.json"))!, (Dictionary<string, object?>)Plain(Read("vars.json"))!);
    }

    private static object? Plain(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => Plain(p.Value), StringComparer.Ordinal),
        JsonValueKind.Array => element.EnumerateArray().Select(Plain).ToList(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out var l) ? (object)l : element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };
}
