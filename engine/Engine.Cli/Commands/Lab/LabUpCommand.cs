using System.CommandLine;
using Converge.Lab;
using Spectre.Console;

namespace Converge.Cli.Commands.Lab;

/// <summary><c>converge lab up</c>: builds the image if needed, starts the hosts, writes the inventory.</summary>
public static class LabUpCommand
{
    public static Command Create()
    {
        var name = LabOptions.Name();
        var hosts = new Option<int>("--hosts") { Description = "Mesh hosts (node1..nodeN, group `mesh`).", DefaultValueFactory = _ => 3 };
        var builder = new Option<bool>("--builder") { Description = "Add a host `builder` (group `builder`) for building packages." };
        var image = new Option<string>("--image")
        {
            Description = "The image the hosts start from: `default`, or `roles` (adds the packages of the corpus roles to the offline repository).",
            DefaultValueFactory = _ => LabImageRecipe.DefaultName,
        };
        image.AcceptOnlyFromAmong([.. LabImageRecipe.Names]);
        var installDeps = new Option<bool>("--install-deps") { Description = "Install missing Debian packages (debootstrap, dpkg-dev, ...) with apt-get." };
        var command = new Command("up", "Start a lab: hosts with sshd on a private network, and an inventory to use them.") { name, hosts, builder, image, installDeps };
        command.SetAction((parse, ct) => LabOptions.RunAsync(async () =>
        {
            var engine = LabOptions.Engine();
            var lab = await engine.UpAsync(new LabSpec(parse.GetValue(name)!, parse.GetValue(hosts), parse.GetValue(builder), parse.GetValue(image)!), parse.GetValue(installDeps), ct);
            var table = new Table().AddColumns("host", "group", "address");
            foreach (var host in lab.Hosts)
            {
                table.AddRow(host.Name, host.Group, host.Address);
            }

            AnsiConsole.Write(table);
            var inventory = engine.InventoryFile(lab.Name);
            AnsiConsole.MarkupLine($"Inventory: [bold]{Markup.Escape(inventory)}[/] (host keys in {Markup.Escape(engine.KnownHosts(lab.Name))})");
            AnsiConsole.MarkupLine($"  converge apply PLAYBOOK -i {Markup.Escape(inventory)}     (host keys: converge_known_hosts in the inventory)");
            AnsiConsole.MarkupLine($"  converge lab ssh {lab.Hosts[0].Name} --name {lab.Name} [[-- CMD]]     converge lab console {lab.Hosts[0].Name} --name {lab.Name}");
            AnsiConsole.MarkupLine($"  ansible all -i {Markup.Escape(inventory)} -m ping");
            AnsiConsole.MarkupLine($"Tear down: converge lab down --name {lab.Name}");
            return 0;
        }));
        return command;
    }
}
