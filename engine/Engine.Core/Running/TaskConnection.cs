using Converge.Core.Connections;
using Converge.Core.Facts;

namespace Converge.Core.Running;

/// <summary>
/// The connection stack a task's module sees, built in one place for the runner and for the module tests: the
/// mode's guard over the host's raw connection (check mode refuses every change in the transport), the facts
/// read through it, and fact invalidation on every change.
/// </summary>
public sealed class TaskConnection
{
    internal TaskConnection(IConnection raw, ExecutionStrategy strategy)
    {
        var reads = strategy.Guard(raw);
        Facts = new FactCache(reads);
        Connection = new FactInvalidatingConnection(reads, Facts);
    }

    /// <summary>The connection tasks use: the mode's guard, and every change drops <see cref="Facts"/>.</summary>
    public IConnection Connection { get; }

    public FactCache Facts { get; }

    /// <summary>The stack of a check run over <paramref name="raw"/>.</summary>
    public static TaskConnection Checking(IConnection raw) => new(raw, CheckStrategy.Instance);

    /// <summary>The stack of an apply run over <paramref name="raw"/>.</summary>
    public static TaskConnection Applying(IConnection raw) => new(raw, ApplyStrategy.Instance);
}
