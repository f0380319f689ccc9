using System.CommandLine;

namespace Converge.Cli.Commands.Lab;

/// <summary><c>converge lab stop HOST [--hard]</c> and <c>converge lab start HOST</c>: power off and on.</summary>
public static class LabPowerCommand
{
    public static Command Create(string verb, string description)
    {
        var name = LabOptions.Name();
        var host = LabOptions.Host();
        var hard = new Option<bool>("--hard") { Description = "Pull the plug: kill the host's init instead of halting it." };
        var command = new Command(verb, description) { name, host };
        if (verb == "stop")
        {
            command.Options.Add(hard);
        }

        command.SetAction((parse, ct) => LabOptions.RunAsync(async () =>
        {
            Converge.Lab.LabPrerequisites.EnsurePlatform();
            var engine = LabOptions.Engine();
            if (verb == "stop")
            {
                await engine.StopAsync(parse.GetValue(name)!, parse.GetValue(host)!, parse.GetValue(hard), ct);
            }
            else
            {
                await engine.StartAsync(parse.GetValue(name)!, parse.GetValue(host)!, ct);
            }

            return 0;
        }));
        return command;
    }
}
