using System.Collections.Concurrent;
using Converge.Core.Diagnostics;
using Converge.Core.Facts.Gathered;
using Converge.Core.Playbooks;
using Converge.Core.Reporting;

namespace Converge.Core.Running;

/// <summary>
/// Ansible's fact gathering at the start of each play on a host, without its round trip: the play's
/// subsets (<see cref="PlayFacts"/>, decided once per run) are one probe that joins the host's batch,
/// and the result becomes the host's facts (<c>ansible_facts</c> and the <c>ansible_*</c> names).
/// </summary>
internal sealed class FactGathering(RunState state)
{
    private readonly ConcurrentDictionary<int, FactSubset> _subsets = new();

    /// <summary>The probe of a play's facts; null when the play gathers none.</summary>
    public GatheredFacts? FactOf(Play play)
    {
        var subsets = _subsets.GetOrAdd(play.Index, _ => PlayFacts.For(
            play,
            state.Run.Playbook.Directory,
            state.Run.Graph.Hosts.Where(h => state.Run.Graph.NodesOf(h).Any(n => n.Play == play)).Select(h => (object?)state.Run.HostVariables[h]),
            state.Run.IncludedBeforeRun));
        return subsets == FactSubset.None ? null : new GatheredFacts(subsets);
    }

    /// <summary>
    /// Gathers the facts of the play that starts at <paramref name="index"/> (read with the next tasks'
    /// facts in one batch). False when it failed: the failure is reported as Ansible's "Gathering Facts"
    /// task and the host runs nothing more.
    /// </summary>
    public async Task<bool> GatherAsync(string host, HostSession session, HostAgenda agenda, int index, CancellationToken ct)
    {
        var play = agenda[index].Play;
        if (index > 0 && agenda[index - 1].Play == play || FactOf(play) is not { } fact)
        {
            return true;
        }

        try
        {
            var transport = await session.TransportOfAsync(agenda[index], ct);
            await session.EnsureFactsAsync(agenda, index, transport, [fact], ct);
            state.Scope.SetFacts(host, await transport.Facts.GetAsync(fact, ct));
            return true;
        }
        catch (TaskFailedException e)
        {
            state.Report(new TaskOutcome { Host = host, Task = "Gathering Facts", Module = "setup", Status = OutcomeStatus.Failed, Message = e.Message });
            return false;
        }
    }
}
