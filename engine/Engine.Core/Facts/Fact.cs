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
    /// The cache key: the fact type and its command line (and become user, when the probe names one). Built once per
    /// fact (a fact's command does not change): the cache asks for it several times per fact and host, and quoting
    /// the command line each time was a measurable share of the controller's CPU per host (issue 14).
    /// </summary>
    public string Key => _key ??= GetType().FullName + " " + Command.CommandLine + (Command.Become is { } become ? " as " + become.User : string.Empty);

    /// <inheritdoc cref="IFact.PathsRead"/>
    public virtual IReadOnlyList<PathRead>? PathsRead(CommandResult result) => null;

    object? IFact.ParseResult(CommandResult result) => Parse(result);
}
