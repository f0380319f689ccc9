using System.CommandLine;
using Converge.Cli.Commands.Common;

namespace Converge.Cli.Commands.Apply;

/// <summary><c>converge apply PLAYBOOK -i INVENTORY</c>: converge the hosts (or dry-run with --check).</summary>
internal static class ApplyCommand
{
    public static Command Create()
    {
        var command = new Command("apply", "Converge the hosts of a playbook: check every task, apply what drifted.");
        var playbook = new PlaybookOptions();
        var options = new ApplyOptions();
        var check = new Option<bool>("--check", "-C") { Description = "Dry run: check only; the transport refuses every change." };
        var detailed = new Option<bool>("--detailed-exitcode") { Description = "Exit 2 when changes were made (or are pending in check mode)." };
        playbook.AddTo(command);
        options.AddTo(command);
        command.Options.Add(check);
        command.Options.Add(detailed);
        command.SetAction((parse, ct) => RunVerb.RunAsync(parse, playbook, options, parse.GetValue(check), parse.GetValue(options.Diff), parse.GetValue(detailed), ct));
        return command;
    }
}
