namespace Converge.Core.Playbooks;

/// <summary>Which list of a block a task is written in.</summary>
public enum BlockSection
{
    /// <summary>The block's own tasks (<c>block:</c>): they run first; a failure among them triggers the rescue.</summary>
    Block,

    /// <summary><c>rescue:</c>: runs only after a failure in the block's own tasks, and then the failure counts as rescued.</summary>
    Rescue,

    /// <summary><c>always:</c>: runs after the block and the rescue, whatever happened in them.</summary>
    Always,
}
