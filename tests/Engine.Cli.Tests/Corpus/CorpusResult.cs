using Converge.Core.Diagnostics;

namespace Converge.Cli.Tests.Corpus;

/// <summary>What validating one corpus case gave: whether it loads, its tasks, which of them are runnable, and every diagnostic.</summary>
internal sealed record CorpusResult(string Name, bool Loads, IReadOnlyList<CorpusTask> Tasks, IReadOnlyList<CorpusTask> Runnable, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>Tasks no host reaches before the run (their condition is false on a Debian-family host) whose diagnostics were held back.</summary>
    public IReadOnlyList<CorpusTask> NotReached { get; init; } = [];

    /// <summary>
    /// Runnable tasks in the other files a fact-named include could give (<c>setup-RedHat.yml</c> beside the
    /// <c>setup-Debian.yml</c> every host reads): valid, but no host Converge manages runs them.
    /// </summary>
    public IReadOnlyList<CorpusTask> RunnableElsewhere { get; init; } = [];

    /// <summary>Tasks that are neither runnable nor held back: something blocks them.</summary>
    public IEnumerable<CorpusTask> Blocked => Tasks.Except(Runnable).Except(NotReached);
}
