namespace Converge.Cli.Tests.Corpus;

/// <summary>
/// The committed record of how far each corpus case got (<c>tests/Corpus/baseline.txt</c>): a case that loaded
/// must keep loading, and no case may lose runnable tasks. Lines read <c>name loads|fails runnable/total</c>.
/// </summary>
internal sealed record CorpusBaseline(IReadOnlyDictionary<string, (bool Loads, int Runnable)> Cases)
{
    public static string PathOf => System.IO.Path.Combine(CorpusValidator.Root, "baseline.txt");

    public static CorpusBaseline Read()
    {
        var cases = new Dictionary<string, (bool, int)>(StringComparer.Ordinal);
        if (File.Exists(PathOf))
        {
            foreach (var line in File.ReadAllLines(PathOf).Where(l => l.Length > 0 && !l.StartsWith('#')))
            {
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                cases[parts[0]] = (parts[1] == "loads", int.Parse(parts[2].Split('/')[0], System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return new CorpusBaseline(cases);
    }

    public static string Render(IEnumerable<CorpusResult> results) =>
        "# name loads|fails runnable/total — rewrite with CONVERGE_CORPUS_WRITE_BASELINE=1 (see tests/Corpus/README.md)\n"
        + string.Concat(results.Select(r => $"{r.Name} {(r.Loads ? "loads" : "fails")} {r.Runnable.Count}/{r.Tasks.Count}\n"));
}
