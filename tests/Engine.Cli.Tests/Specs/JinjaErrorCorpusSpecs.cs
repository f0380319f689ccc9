using Converge.Cli.Tests.Support;
using Converge.TestKit;

namespace Converge.Cli.Tests.Specs;

/// <summary>
/// The Jinja error corpus (<c>Corpus/JinjaErrors/</c>): each case is a playbook (with its templates) holding one
/// mistake — an unknown filter or test, an unclosed or mismatched block, bad syntax in a value or a <c>when:</c>,
/// an undefined variable, key or attribute — in a task value, a condition or a template file. Its
/// <c>expected.txt</c> holds the diagnostic exactly (<c>FILE:LINE:COL: error: message</c>, FILE relative to the
/// case); the run must print it, exit 1, print no stack trace and leave the workspace untouched.
/// </summary>
public sealed class JinjaErrorCorpusSpecs
{
    private static readonly string Corpus = Path.Combine(RepositoryPaths.Root, "tests", "Engine.Cli.Tests", "Corpus", "JinjaErrors");

    public static TheoryData<string> Cases() => [.. Directory.GetDirectories(Corpus).Select(d => Path.GetFileName(d)).Order(StringComparer.Ordinal)];

    [Fact]
    public void The_corpus_covers_values_conditions_and_template_files()
    {
        var cases = Directory.GetDirectories(Corpus).Select(Path.GetFileName).ToList();
        Assert.True(cases.Count >= 12, $"only {cases.Count} cases");
        Assert.Contains(cases, c => c!.EndsWith("-in-template", StringComparison.Ordinal));
        Assert.Contains(cases, c => c!.EndsWith("-in-value", StringComparison.Ordinal));
        Assert.Contains(cases, c => c!.StartsWith("when-", StringComparison.Ordinal) || c.EndsWith("-in-when", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_broken_template_or_condition_gives_its_located_message(string name)
    {
        using var workspace = new Workspace();
        var source = Path.Combine(Corpus, name);
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories).Where(f => Path.GetFileName(f) != "expected.txt"))
        {
            workspace.Write(Path.GetRelativePath(source, file), File.ReadAllText(file));
        }

        var before = workspace.Snapshot();
        var outcome = await workspace.RunAsync("apply", workspace.PathOf("site.yml"));

        Assert.True(outcome.ExitCode == 1, outcome.ToString());
        foreach (var line in File.ReadAllLines(Path.Combine(source, "expected.txt")).Where(l => l.Length > 0))
        {
            Assert.Contains(Path.Combine(workspace.Root, line), outcome.Stderr);
        }

        Assert.DoesNotContain("   at ", outcome.Stderr);
        Assert.Equal(before, workspace.Snapshot());
    }
}
