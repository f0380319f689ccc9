using Converge.Core.Diagnostics;

namespace Converge.Cli.Tests.Corpus;

/// <summary>What validating one corpus case gave: whether it loads, its tasks, which of them are runnable, and every diagnostic.</summary>
internal sealed record CorpusResult(string Name, bool Loads, IReadOnlyList<CorpusTask> Tasks, IReadOnlyList<CorpusTask> Runnable, IReadOnlyList<Diagnostic> Diagnostics);
