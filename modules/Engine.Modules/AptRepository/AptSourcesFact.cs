using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Facts;

namespace Converge.Modules.AptRepository;

/// <summary>
/// Every one-line-style apt source file (<c>/etc/apt/sources.list</c> and <c>sources.list.d/*.list</c>) with its
/// text, in one probe: each file is introduced by a line <c>\x01 path</c> (a byte no sources file holds).
/// </summary>
public sealed class AptSourcesFact(string root) : Fact<IReadOnlyDictionary<string, string>>
{
    public override CommandSpec Command { get; } = CommandSpec.Probe(
        "/bin/sh", "-c", "for f in \"$1/etc/apt/sources.list\" \"$1\"/etc/apt/sources.list.d/*.list; do [ -f \"$f\" ] || continue; printf '\\001 %s\\n' \"$f\"; cat -- \"$f\"; echo; done",
        "converge-apt-sources", root);

    public override IReadOnlyDictionary<string, string> Parse(CommandResult result)
    {
        if (!result.Succeeded)
        {
            throw new TaskFailedException("cannot read the apt sources", Command.CommandLine, result.ExitCode, result.StderrTail());
        }

        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var chunk in result.Stdout.Split("\u0001 ", StringSplitOptions.RemoveEmptyEntries))
        {
            var newline = chunk.IndexOf('\n', StringComparison.Ordinal);
            var text = chunk[(newline + 1)..];
            files[chunk[..newline]] = text.EndsWith('\n') ? text[..^1] : text;
        }

        return files;
    }
}
