using System.CommandLine;
using Spectre.Console;

namespace Converge.Cli.Commands.Lab;

/// <summary><c>converge lab reboot HOST [--hard]</c>.</summary>
public static class LabRebootCommand
{
    public static Command Create()
    {
        var name = LabOptions.Name();
        var host = LabOptions.Host();
        var hard = new Option<bool>("--hard") { Description = "Reset: kill the host's init instead of running its reboot." };
        var command = new Command("reboot", "Reboot a lab host and wait until it is back (new boot id, sshd answering).") { name, host, hard };
        command.SetAction((parse, ct) => LabOptions.RunAsync(async () =>
        {
            Converge.Lab.LabPrerequisites.EnsurePlatform();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var bootId = await LabOptions.Engine().RebootAsync(parse.GetValue(name)!, parse.GetValue(host)!, parse.GetValue(hard), ct);
            AnsiConsole.MarkupLine($"{parse.GetValue(host)} is back in {clock.Elapsed.TotalSeconds:F1} s, boot id {bootId}");
            return 0;
        }));
        return command;
    }
}
