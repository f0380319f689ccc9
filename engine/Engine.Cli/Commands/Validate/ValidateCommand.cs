using System.CommandLine;
using Converge.Cli.Commands.Common;
using Converge.Core.Reporting;

namespace Converge.Cli.Commands.Validate;

/// <summary><c>converge validate</c>: load, validate and build the graph; contacts no host.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var command = new Command("validate", "Load and validate a playbook and its inventory, and build the task graph. Contacts no host.");
        var playbook = new PlaybookOptions();
        playbook.AddTo(command);
        command.SetAction(parse =>
        {
            var run = ConvergeEngine.TryLoad(() => playbook.Request(parse), Console.Error);
            if (run is null)
            {
                return ExitCodes.InvalidInput;
            }

            var nodes = run.Graph.Nodes.Count();
            Console.Out.WriteLine($"valid: {run.Playbook.Plays.Count} plays, {run.Graph.Hosts.Count} hosts, {nodes} tasks on hosts, {run.Graph.Edges.Count} edges");
            // Keywords accepted for compatibility but not acted on yet are named, once each, with their first place.
            var unenforced = run.Playbook.Plays.SelectMany(p => p.Tasks.Concat(p.Handlers)).SelectMany(t => t.Unenforced)
                .GroupBy(k => k.Name, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal);
            foreach (var keyword in unenforced)
            {
                Console.Out.WriteLine($"note: {keyword.First().Span}: '{keyword.Key}' is accepted but not acted on yet ({keyword.Count()} task(s))");
            }

            ConvergeEngine.WriteUnreached(run.Unreached, Console.Out);
            foreach (var include in run.RuntimeIncludes)
            {
                Console.Out.WriteLine($"note: {include.Span}: '{include.Name}' depends on run-time values (facts or registered results): read and validated when a host first reaches it");
            }

            foreach (var include in run.AssumedIncludes)
            {
                Console.Out.WriteLine($"note: {include.Span}: reads '{include.Name}' on every host: its name depends only on facts every Debian-family host has (ansible_os_family 'Debian', ansible_system 'Linux', ansible_pkg_mgr 'apt'), so it was read and validated now; a host whose facts differ reads its own file when it gets there");
            }

            foreach (var (planner, _) in run.Plans)
            {
                Console.Out.WriteLine($"valid: {planner} plan");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
