using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Facts;

namespace Converge.Modules.Debconf;

/// <summary>
/// A package's debconf answers as <c>debconf-show NAME</c> prints them (<c>* question: value</c>, the star marking a seen
/// question), which is what Ansible's debconf compares with. debconf-show never prints passwords.
/// </summary>
public sealed class DebconfFact(string package) : Fact<IReadOnlyDictionary<string, string>>
{
    public override CommandSpec Command { get; } = CommandSpec.Probe("debconf-show", package);

    public override IReadOnlyDictionary<string, string> Parse(CommandResult result)
    {
        if (!result.Succeeded)
        {
            throw new TaskFailedException($"debconf: cannot read the answers of {package}", Command.CommandLine, result.ExitCode, result.StderrTail());
        }

        var answers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in result.Stdout.Split('\n'))
        {
            if (line.IndexOf(':', StringComparison.Ordinal) is > 0 and var colon)
            {
                answers[line[..colon].Trim().TrimStart('*').Trim()] = line[(colon + 1)..].Trim();
            }
        }

        return answers;
    }
}
