using Xunit.Abstractions;

namespace Converge.Cli.Tests.Corpus;

/// <summary>
/// The corpus of real public roles and playbooks under <c>tests/Corpus/</c>: every case is validated as
/// <c>converge validate</c> would, nothing is contacted, and no case may regress against the committed baseline.
/// </summary>
public sealed class CorpusSpecs(ITestOutputHelper output)
{
    [Fact]
    public void No_corpus_case_that_loaded_or_ran_tasks_before_regresses()
    {
        var results = CorpusValidator.Cases().Select(CorpusValidator.Validate).ToList();
        var report = CorpusReport.Render(results);
        output.WriteLine(report);
        if (Environment.GetEnvironmentVariable("CONVERGE_CORPUS_REPORT") is { Length: > 0 } reportPath)
        {
            File.WriteAllText(reportPath, report);
        }

        if (Environment.GetEnvironmentVariable("CONVERGE_CORPUS_WRITE_BASELINE") == "1")
        {
            File.WriteAllText(CorpusBaseline.PathOf, CorpusBaseline.Render(results));
        }

        var baseline = CorpusBaseline.Read();
        var regressions = results
            .Where(r => baseline.Cases.TryGetValue(r.Name, out var before) && ((before.Loads && !r.Loads) || r.Runnable.Count < before.Runnable))
            .Select(r => $"{r.Name}: was {(baseline.Cases[r.Name].Loads ? "loading" : "failing")} with {baseline.Cases[r.Name].Runnable} runnable tasks, now {(r.Loads ? "loads" : "fails")} with {r.Runnable.Count}: {string.Join("; ", r.Diagnostics.Take(3))}")
            .ToList();
        Assert.True(regressions.Count == 0, string.Join("\n", regressions));
        Assert.True(results.Count >= 40, $"the corpus has {results.Count} cases; the issue asks for at least 40");
        Assert.Equal(baseline.Cases.Keys.Order(StringComparer.Ordinal), results.Select(r => r.Name));
    }
}
