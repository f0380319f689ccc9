using System.CommandLine;
using Spectre.Console;

namespace Converge.Cli.Commands.Lab;

/// <summary><c>converge lab list</c>: the labs on this machine.</summary>
public static class LabListCommand
{
    public static Command Create()
    {
        var command = new Command("list", "List the labs on this machine: name, subnet, hosts up, inventory.");
        command.SetAction((parse, ct) => LabOptions.RunAsync(async () =>
        {
            Converge.Lab.LabPrerequisites.EnsurePlatform();
            var engine = LabOptions.Engine();
            var table = new Table().AddColumns("lab", "subnet", "hosts up", "created", "inventory");
            foreach (var name in engine.Names())
            {
                var lab = engine.Load(name);
                var hosts = await engine.StatusAsync(name, ct);
                table.AddRow(name, lab.Network.Subnet, $"{hosts.Count(h => h.State == "up")}/{hosts.Count}", lab.Created.ToString("u", System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(engine.InventoryFile(name)));
            }

            AnsiConsole.Write(table);
            return 0;
        }));
        return command;
    }
}
