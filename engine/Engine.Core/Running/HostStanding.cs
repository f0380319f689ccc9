using Converge.Core.Reporting;

namespace Converge.Core.Running;

/// <summary>
/// Where a host stands after the nodes it ran so far: stopped (a failure, or a node it needed could not
/// run), unreachable, and whether a change is made or pending (check mode plans later tasks as assumptions
/// then). Written in one place only: <see cref="Record"/>, with each node's result.
/// </summary>
internal sealed class HostStanding
{
    /// <summary>True once a node blocked the host: its remaining nodes are skipped without a word.</summary>
    public bool Stopped { get; private set; }

    public bool Unreachable { get; private set; }

    public bool HasPendingChanges { get; private set; }

    /// <summary>The play <c>meta: end_host</c> ended for this host (its later plays still run), or null.</summary>
    public int? EndedPlay { get; private set; }

    public void EndPlay(int play) => EndedPlay = play;

    public void Record(NodeResult result)
    {
        Stopped |= result.Blocked;
        Unreachable |= result.Status == OutcomeStatus.Unreachable;
        HasPendingChanges |= result.Pending;
    }
}
