using System.Text.Json;
using Converge.Core.Diagnostics;
using Converge.Core.Templates;
using Converge.Core.Templates.Jinja;
using Converge.TestKit;
using Xunit.Abstractions;

namespace Converge.Core.Tests.Templates;

/// <summary>
/// The differential corpus: templates rendered by Ansible itself (Corpus/record.py, Templar of ansible-core 2.14,
/// with ansible.utils and python3-netaddr) and by Converge, compared exactly: the type and Python repr of the value,
/// or both failing; and the real roles' template files (Corpus/record-templates.py), compared as text.
/// </summary>
public sealed class DifferentialCorpusTests(ITestOutputHelper output)
{
    private static readonly string Corpus = Path.Combine(AppContext.BaseDirectory, "Templates", "Corpus");

    [Fact]
    public void Converge_renders_the_corpus_as_ansible_does()
    {
        var variables = (Dictionary<string, object?>)Plain(JsonDocument.Parse(File.ReadAllText(Path.Combine(Corpus, "vars.json"))).RootElement)!;
        var records = JsonDocument.Parse(File.ReadAllText(Path.Combine(Corpus, "expressions.recorded.json"))).RootElement.EnumerateArray().ToList();
        var engine = new TemplateEngine();
        var disagreements = new List<string>();
        foreach (var record in records)
        {
            var template = record.GetProperty("template").GetString()!;
            string actual;
            try
            {
                var value = engine.RenderValue(template, variables);
                actual = $"{Py.TypeName(value)} {Py.Repr(value)}";
            }
            catch (ConvergeException e)
            {
                actual = $"error {e.Message}";
            }

            var expected = record.TryGetProperty("error", out var error) ? $"error {error.GetString()}" : $"{record.GetProperty("type").GetString()} {record.GetProperty("repr").GetString()}";
            var agree = expected.StartsWith("error ", StringComparison.Ordinal) ? actual.StartsWith("error ", StringComparison.Ordinal) : expected == actual;
            if (!agree)
            {
                disagreements.Add($"{template}\n    ansible:  {expected}\n    converge: {actual}");
            }
        }

        output.WriteLine($"{records.Count - disagreements.Count}/{records.Count} agree");
        output.WriteLine(string.Join("\n", disagreements));
        Assert.True(records.Count >= 600, $"the corpus has {records.Count} templates");

        // 676 of 688 agree today (98.3%); the 12 left are listed in the README. This guards against regressions.
        Assert.True(records.Count - disagreements.Count >= 676, $"{disagreements.Count} of {records.Count} disagree:\n{string.Join("\n", disagreements)}");
        Assert.True(disagreements.Count * 50 <= records.Count, $"{disagreements.Count} of {records.Count} disagree (at most 2% may)");
    }

    [Fact]
    public void Converge_renders_real_roles_template_files_as_ansible_does()
    {
        var facts = (Dictionary<string, object?>)Plain(JsonDocument.Parse(File.ReadAllText(Path.Combine(Corpus, "templates.facts.json"))).RootElement)!;
        var records = JsonDocument.Parse(File.ReadAllText(Path.Combine(Corpus, "templates.recorded.json"))).RootElement.EnumerateArray().ToList();
        var engine = new TemplateEngine();
        var disagreements = new List<string>();
        foreach (var record in records)
        {
            var variables = new Dictionary<string, object?>(facts, StringComparer.Ordinal);
            foreach (var (name, value) in (Dictionary<string, object?>)Plain(record.GetProperty("vars"))!)
            {
                variables[name] = value;
            }

            var path = Path.Combine(RepositoryPaths.Root, "tests", "Corpus", record.GetProperty("path").GetString()!);
            string actual;
            try
            {
                actual = engine.RenderFile(path, File.ReadAllText(path), variables);
            }
            catch (ConvergeException e)
            {
                actual = $"error {e.Message}";
            }

            var expected = record.TryGetProperty("error", out var error) ? $"error {error.GetString()}" : record.GetProperty("output").GetString()!;
            var agree = expected.StartsWith("error ", StringComparison.Ordinal) ? actual.StartsWith("error ", StringComparison.Ordinal) : expected == actual;
            if (!agree)
            {
                disagreements.Add($"{path}\n{FirstDifference(expected, actual)}");
            }
        }

        output.WriteLine($"{records.Count - disagreements.Count}/{records.Count} template files agree");
        output.WriteLine(string.Join("\n", disagreements));
        Assert.True(records.Count >= 60, $"the corpus has {records.Count} template files");
        Assert.True(disagreements.Count == 0, $"{disagreements.Count} of {records.Count} template files differ:\n{string.Join("\n", disagreements)}");
    }

    /// <summary>The first line where Converge's output differs from Ansible's, both shown.</summary>
    private static string FirstDifference(string expected, string actual)
    {
        var want = expected.Split('\n');
        var got = actual.Split('\n');
        for (var i = 0; i < Math.Max(want.Length, got.Length); i++)
        {
            var w = i < want.Length ? want[i] : "(end)";
            var g = i < got.Length ? got[i] : "(end)";
            if (w != g)
            {
                return $"    line {i + 1}\n    ansible:  {w}\n    converge: {g}";
            }
        }

        return "    (same lines)";
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
