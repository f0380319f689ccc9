using Converge.Core.Graph;
using Converge.Core.Playbooks;

namespace Converge.Core.Running;

/// <summary>
/// Where one host stands in the blocks it runs, as Ansible's linear strategy keeps it: a failure in a block's own
/// tasks skips the rest of them and runs its <c>rescue</c> (the failure is then rescued, not counted as failed);
/// a failure with no rescue to catch it, or in a rescue or an <c>always</c>, leaves the block failed and passes to
/// the block around it. Every <c>always</c> of a failed or rescued block still runs. A failure no block catches
/// stops the host once the <c>always</c> sections around it have run.
/// </summary>
internal sealed class BlockStates
{
    private readonly Dictionary<BlockFrame, FrameState> _states = new(ReferenceEqualityComparer.Instance);

    private enum FrameState
    {
        Running,
        Rescuing,
        Failed,
    }

    /// <summary>True once a failure was not caught by any block: the host runs only the <c>always</c> sections of the blocks it failed in.</summary>
    public bool Uncaught { get; private set; }

    /// <summary>
    /// Whether <paramref name="node"/> runs as far as the blocks around it go, read from the outermost block in: a
    /// rescue runs only after a failure, a failed or rescuing block's own tasks no more, but the <c>always</c> of a
    /// block the failure passed through runs (also inside an outer block that is rescuing or failed). After a failure
    /// no block caught, only such <c>always</c> sections run.
    /// </summary>
    public bool Runs(GraphNode node)
    {
        var runs = !Uncaught;
        foreach (var scope in node.Scope.OutermostFirst())
        {
            if (scope.Block is not { } frame)
            {
                continue;
            }

            switch (_states.GetValueOrDefault(frame), scope.Section)
            {
                case (FrameState.Running, BlockSection.Rescue):
                case (FrameState.Rescuing, BlockSection.Block):
                case (FrameState.Failed, BlockSection.Block or BlockSection.Rescue):
                    runs = false;
                    break;
                case (FrameState.Failed, BlockSection.Always):
                    runs = true;
                    break;
            }
        }

        return runs;
    }

    /// <summary>
    /// A task failed (and does not ignore errors): walks out from its innermost block. True when a block's rescue
    /// catches the failure (the host carries on with that rescue); false when none does.
    /// </summary>
    public bool Catch(GraphNode node)
    {
        foreach (var scope in node.Scope.OutermostFirst().Reverse())
        {
            if (scope.Block is not { } frame)
            {
                continue;
            }

            if (scope.Section == BlockSection.Block && frame.HasRescue && _states.GetValueOrDefault(frame) == FrameState.Running)
            {
                _states[frame] = FrameState.Rescuing;
                return true;
            }

            _states[frame] = FrameState.Failed;
        }

        Uncaught = true;
        return false;
    }
}
