using System.Diagnostics;
using Converge.Core.Graph;

namespace Converge.Core.Running;

/// <summary>
/// The tasks the runner carries out itself rather than a module: <c>meta</c> actions (none of them counted in
/// the recap, as in Ansible) and dynamic includes (<see cref="IncludeStep"/>).
/// </summary>
internal sealed class ControlStep(RunState state, string host, HostSession session, HostAgenda agenda, HostStanding standing)
{
    private readonly IncludeStep _includes = new(state, host, agenda);

    public async Task<NodeResult> RunAsync(int index, IReadOnlyDictionary<string, object?> vars, Stopwatch clock, CancellationToken ct)
    {
        var node = agenda[index];
        if (node.Task.Include is not null)
        {
            return await _includes.RunAsync(index, vars, clock, ct);
        }

        switch (node.Task.Meta)
        {
            case "end_play":
                // Converge's hosts do not move in lockstep as Ansible's linear strategy does: each host ends the
                // play at its next task, so a host ahead of this one may already have run later tasks of it.
                state.EndPlay(node.Play.Index, $"meta: end_play on {host}");
                break;
            case "end_host":
                standing.EndPlay(node.Play.Index);
                break;
            case "reset_connection":
                await session.ResetConnectionAsync(ct);
                break;
            case "clear_facts":
                state.Scope.ClearFacts(host);
                session.InvalidateFacts();
                break;
            default:
                // noop; flush_handlers has no node (the graph puts the handlers in its place).
                break;
        }

        return NodeResult.Bypassed;
    }
}
