using System.CommandLine;
using Converge.Cli.Commands.Common;
using Converge.Core.Graph;
using Converge.Core.Reporting;

namespace Converge.Cli.Commands.Graph;

/// <summary><c>converge graph</c>: the task graph, and the plans of planners such as the mesh.</summary>
internal static class GraphCommand
{
    public static Command Create()
    {
        var command = new Command("graph", "Draw the task graph (and the network mesh) of a playbook. Contacts no host.");
        var playbook = new PlaybookOptions();
        var format = new Option<string>("--format") { Description = "text, mermaid or dot.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong([.. GraphDrawing.Formats]);
        playbook.AddTo(command);
        command.Options.Add(format);
        command.SetAction(parse =>
        {
            var run = ConvergeEngine.TryLoad(() => playbook.Request(parse), Console.Error);
            if (run is null)
            {
                return ExitCodes.InvalidInput;
            }

            var chosen = parse.GetValue(format) ?? "text";
            Console.Out.Write(GraphDrawing.Draw(run.Graph, chosen));
            foreach (var (planner, plan) in run.Plans)
            {
                Console.Out.WriteLine();
                Console.Out.Write(plan.Draw(chosen));
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
