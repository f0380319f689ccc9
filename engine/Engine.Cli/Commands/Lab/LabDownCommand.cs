using System.CommandLine;

namespace Converge.Cli.Commands.Lab;

/// <summary><c>converge lab down</c>: removes a lab and everything it created.</summary>
public static class LabDownCommand
{
    public static Command Create()
    {
        var name = LabOptions.Name();
        var all = new Option<bool>("--all") { Description = "Tear down every lab on this machine." };
        var command = new Command("down", "Tear a lab down: its hosts, disks, namespaces, interfaces and inventory.") { name, all };
        command.SetAction((parse, ct) => LabOptions.RunAsync(async () =>
        {
            Converge.Lab.LabPrerequisites.EnsurePlatform();
            if (parse.GetValue(all))
            {
                await LabOptions.Engine().DownAllAsync(ct);
            }
            else
            {
                await LabOptions.Engine().DownAsync(parse.GetValue(name)!, ct);
            }

            return 0;
        }));
        return command;
    }
}
