using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Facts;

namespace Converge.Modules.Mount;

/// <summary>Whether a path is a mount point now, read from <c>/proc/self/mounts</c> (escaped as the kernel writes it).</summary>
public sealed class MountedFact(string path) : Fact<bool>
{
    public override CommandSpec Command { get; } = CommandSpec.Probe("cat", "/proc/self/mounts");

    public override bool Parse(CommandResult result)
    {
        if (!result.Succeeded)
        {
            throw new TaskFailedException("mount: cannot read /proc/self/mounts", Command.CommandLine, result.ExitCode, result.StderrTail());
        }

        var escaped = FstabFile.Escape(path.Length > 1 ? path.TrimEnd('/') : path);
        return result.Stdout.Split('\n').Any(l => l.Split(' ') is { Length: >= 2 } f && f[1] == escaped);
    }
}
