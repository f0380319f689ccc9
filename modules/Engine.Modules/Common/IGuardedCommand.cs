namespace Converge.Modules.Common;

/// <summary>The guards and working directory shared by <c>command</c> and <c>shell</c> params.</summary>
public interface IGuardedCommand
{
    /// <summary>Run in this directory on the host; relative guards are resolved against it.</summary>
    string? Chdir { get; }

    /// <summary>Skip the command when this path exists (it is what the command creates).</summary>
    string? Creates { get; }

    /// <summary>Skip the command when this path does not exist (it is what the command removes).</summary>
    string? Removes { get; }

    /// <summary>Text written to the command's standard input.</summary>
    string? Stdin { get; }
}
