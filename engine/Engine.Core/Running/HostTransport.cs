using Converge.Core.Connections;
using Converge.Core.Facts;

namespace Converge.Core.Running;

/// <summary>
/// One open connection of a host and what rides on it: the view tasks use (the mode's guard, then fact
/// invalidation) and the facts read through it. A host has one unless a play or task sets other connection
/// variables (another user, port or address), as Ansible allows.
/// </summary>
internal sealed class HostTransport : IAsyncDisposable
{
    private readonly IConnection _raw;
    private readonly ExecutionStrategy _strategy;

    private readonly TaskConnection _tasks;

    private HostTransport(HostConnectionSettings settings, IConnection raw, ExecutionStrategy strategy)
    {
        Settings = settings;
        _raw = raw;
        _strategy = strategy;
        _tasks = new TaskConnection(raw, strategy);
    }

    public HostConnectionSettings Settings { get; }

    /// <summary>The connection tasks use: the mode's guard, and every change drops <see cref="Facts"/>.</summary>
    public IConnection Connection => _tasks.Connection;

    public FactCache Facts => _tasks.Facts;

    /// <summary>The view a task with its own strategy (<c>check_mode</c>) uses: that strategy's guard, the same facts.</summary>
    public IConnection ConnectionFor(ExecutionStrategy strategy) =>
        strategy == _strategy ? Connection : new FactInvalidatingConnection(strategy.Guard(_raw), Facts);

    /// <summary>Connects; throws <c>HostUnreachableException</c>, having closed what it opened.</summary>
    public static async Task<HostTransport> OpenAsync(RunState state, HostConnectionSettings settings, CancellationToken ct)
    {
        var raw = state.Options.Connect(settings);
        try
        {
            await raw.OpenAsync(ct);
            return new HostTransport(settings, raw, state.Strategy);
        }
        catch
        {
            await raw.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => _raw.DisposeAsync();
}
