using System.CommandLine;
using Spectre.Console;

namespace Converge.Cli.Commands.Lab;

/// <summary><c>converge lab status</c>: hosts, addresses, state and boot ids.</summary>
public static class LabStatusCommand
{
    public static Command Create()
    {
        var name = LabOptions.Name();
        var command = new Command("status", "Show a lab's hosts: address, up/down, boot id, sshd.") { name };
        command.SetAction((parse, ct) => LabOptions.RunAsync(async () =>
        {
            Converge.Lab.LabPrerequisites.EnsurePlatform();
            var engine = LabOptions.Engine();
            var labName = parse.GetValue(name)!;
            var hosts = await engine.StatusAsync(labName, ct);
            var table = new Table().AddColumns("host", "group", "address", "state", "ssh", "boot id", "last exit");
            foreach (var host in hosts)
            {
                table.AddRow(host.Name, host.Group, host.Address, host.State, host.SshAccepting ? "yes" : "no", host.BootId ?? "-", Markup.Escape(host.LastExit ?? "-"));
            }

            AnsiConsole.MarkupLine($"lab [bold]{labName}[/], inventory {Markup.Escape(engine.InventoryFile(labName))}");
            AnsiConsole.Write(table);
            return hosts.All(h => h.State == "up") ? 0 : 3;
        }));
        return command;
    }
}
