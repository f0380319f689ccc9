using Converge.Core.Connections;

namespace Converge.Core.Facts;

/// <summary>
/// A fact: one read-only command and a pure parser of its output. Cached per host and run by
/// <see cref="FactCache"/>; parsers are tested from recorded output.
/// </summary>
public abstract class Fact<T> : IFact
{
    /// <summary>The probe command; must be <see cref="CommandKind.Probe"/>.</summary>
    public abstract CommandSpec Command { get; }

    public abstract T Parse(CommandResult result);

    private string? _key;

    /// <summary>
    /// The cache key: the fact type and what tells its probe apart from the others of its type (and the become user,
    /// when the probe names one). Built once per fact (a fact's command does not change).
    /// </summary>
    public string Key => _key ??= GetType().FullName + " " + Identity + (Command.Become is { } become ? " as " + become.User : string.Empty);

    /// <summary>
    /// What tells this fact's probe apart from the others of its type: its command line, unless the fact can say it
    /// more briefly (the arguments its command is built from). The cache hashes and compares keys many times per
    /// host; a key that quotes a kilobyte of probe script was a measurable share of the controller's CPU (issue 14).
    /// </summary>
    protected virtual string Identity => Command.CommandLine;

    /// <inheritdoc cref="IFact.PathsRead"/>
    public virtual IReadOnlyList<PathRead>? PathsRead(CommandResult result) => null;

    object? IFact.ParseResult(CommandResult result) => Parse(result);
}
