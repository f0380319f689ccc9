using Converge.Core.Diagnostics;
using Converge.Core.Graph;
using Converge.Core.Reporting;

namespace Converge.Core.Running;

/// <summary>
/// Runs one host's agenda in order over the host's single connection. A node starts when its edges are
/// done; while it waits for another host, it gives its fork slot back so that host can run. A failure stops
/// only this host; nodes on other hosts that require it are skipped and say why.
/// </summary>
internal sealed class HostWorker(RunState state, string host)
{
    public async Task<HostSummary> RunAsync(CancellationToken ct)
    {
        var agenda = new HostAgenda(state.Run.Graph.NodesOf(host));
        var standing = new HostStanding();
        await state.Forks.WaitAsync(ct);
        var holdsFork = true;
        HostSession? session = null;
        try
        {
            // Interrupted before this host started: it is not contacted at all.
            session = state.Options.Stop.IsCancellationRequested ? null : await OpenAsync(agenda, standing, ct);
            if (session is not null && !await HostLock.TakeAsync(state, host, session, agenda, ct))
            {
                standing.Record(new NodeResult(OutcomeStatus.Failed, Blocked: true, Pending: false));
            }
            else if (session is not null)
            {
                var step = new TaskStep(state, host, session, await HandlerNotifications.ReadAsync(session, state.Strategy, ct), agenda, standing);

                // The agenda is read by index, not enumerated: a dynamic include splices its nodes in after
                // itself (HostAgenda.Splice) while the host runs, and they run next.
                for (var i = 0; i < agenda.Count; i++)
                {
                    if (state.Options.Stop.IsCancellationRequested)
                    {
                        // Interrupted: no new task starts; the rest are completed as not run below.
                        break;
                    }

                    var node = agenda[i];
                    var external = node.Incoming.Where(e => e.From.Host != host || e.Kind == EdgeKind.Serial).Select(e => state.ResultOf(e.From)).Where(t => !t.IsCompleted).ToList();
                    if (external.Count > 0)
                    {
                        state.Forks.Release();
                        holdsFork = false;
                        await Task.WhenAll(external).WaitAsync(ct);
                        await state.Forks.WaitAsync(ct);
                        holdsFork = true;
                    }

                    if (!standing.Stopped && FactPlanner.WaitsForOtherHosts(node))
                    {
                        // Another host's task may have changed this one (they can share files, as local hosts do).
                        session.InvalidateFacts();
                    }

                    if (!standing.Stopped && !await state.Gathering.GatherAsync(host, session, agenda, i, ct))
                    {
                        standing.Record(new NodeResult(OutcomeStatus.Failed, Blocked: true, Pending: false));
                    }

                    var result = await step.RunAsync(i, ct);
                    standing.Record(result);
                    state.Complete(node, result);
                }
            }
        }
        finally
        {
            foreach (var node in agenda.Nodes)
            {
                state.Complete(node, NodeResult.NotRun);
            }

            if (session is not null)
            {
                await session.DisposeAsync();
            }

            if (holdsFork)
            {
                state.Forks.Release();
            }
        }

        var summary = state.SummaryOf(host, standing.Unreachable);
        state.Observer.HostFinished(summary);
        return summary;
    }

    /// <summary>Connection set-up; an unreachable host is reported once, on its first task, and runs nothing.</summary>
    private async Task<HostSession?> OpenAsync(HostAgenda agenda, HostStanding standing, CancellationToken ct)
    {
        try
        {
            return await HostSession.OpenAsync(state, host, agenda, ct);
        }
        catch (HostUnreachableException e)
        {
            state.Report(new TaskOutcome
            {
                Host = host,
                Task = agenda.Count > 0 ? agenda[0].Task.Name : "connect",
                Module = "connection",
                Status = OutcomeStatus.Unreachable,
                Message = e.Reason,
            });
            standing.Record(new NodeResult(OutcomeStatus.Unreachable, Blocked: true, Pending: false));
            return null;
        }
    }
}
