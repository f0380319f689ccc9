using System.Collections.Concurrent;
using Converge.Core.Connections;

namespace Converge.Core.Tests.Support;

/// <summary>A real <see cref="LocalConnection"/> that records the arguments of every command and probe it runs.</summary>
internal sealed class RecordingConnection(string host, ConcurrentQueue<string> commands) : ConnectionDecorator(new LocalConnection(host))
{
    public override Task<CommandResult> RunAsync(CommandSpec command, CancellationToken ct)
    {
        commands.Enqueue(string.Join(' ', command.Arguments));
        return Inner.RunAsync(command, ct);
    }

    public override Task<IReadOnlyList<CommandResult>> RunProbesAsync(IReadOnlyList<CommandSpec> probes, CancellationToken ct)
    {
        foreach (var probe in probes)
        {
            commands.Enqueue(string.Join(' ', probe.Arguments));
        }

        return Inner.RunProbesAsync(probes, ct);
    }
}
