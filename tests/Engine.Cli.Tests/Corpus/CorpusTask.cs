namespace Converge.Cli.Tests.Corpus;

/// <summary>One task as written in a corpus file: where it starts and ends, and its module key.</summary>
internal sealed record CorpusTask(string File, int StartLine, int EndLine, string? Module)
{
    public bool Contains(string file, int line) =>
        string.Equals(File, file, StringComparison.Ordinal) && line >= StartLine && line <= EndLine;
}
