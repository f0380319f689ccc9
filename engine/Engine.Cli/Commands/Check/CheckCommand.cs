using System.CommandLine;
using Converge.Cli.Commands.Common;

namespace Converge.Cli.Commands.Check;

/// <summary><c>converge check</c>: the same as <c>apply --check --diff --detailed-exitcode</c>.</summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var command = new Command("check", "Dry-run a playbook with diffs; exit 2 when anything would change. Changes nothing.");
        var playbook = new PlaybookOptions();
        var options = new ApplyOptions();
        playbook.AddTo(command);
        options.AddTo(command);
        command.SetAction((parse, ct) => RunVerb.RunAsync(parse, playbook, options, check: true, diff: true, detailed: true, ct));
        return command;
    }
}
