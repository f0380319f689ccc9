using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Facts;

namespace Converge.Modules.DpkgSelections;

/// <summary>A package's selection from <c>dpkg --get-selections NAME</c>; <c>not present</c> (Ansible's word) when dpkg does not know it.</summary>
public sealed class DpkgSelectionFact(string name, IReadOnlyList<string> dpkgOptions) : Fact<string>
{
    public override CommandSpec Command { get; } = CommandSpec.Probe("dpkg", [.. dpkgOptions, "--get-selections", name]);

    public override string Parse(CommandResult result)
    {
        if (!result.Succeeded)
        {
            throw new TaskFailedException($"dpkg_selections: cannot read the selection of {name}", Command.CommandLine, result.ExitCode, result.StderrTail());
        }

        var fields = result.Stdout.Split(['\n', '\t', ' '], StringSplitOptions.RemoveEmptyEntries);
        return fields.Length >= 2 ? fields[^1] : "not present";
    }
}
