using System.CommandLine;

namespace Converge.Cli.Commands.Lab;

/// <summary><c>converge lab console HOST</c>: a root shell inside the host's namespaces, no network needed.</summary>
public static class LabConsoleCommand
{
    public static Command Create()
    {
        var name = LabOptions.Name();
        var host = LabOptions.Host();
        var rest = new Argument<string[]>("command") { Description = "A command to run instead of a login shell (after --).", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("console", "A root shell inside a lab host (nsenter), even when its network is broken.") { name, host, rest };
        command.SetAction((parse, ct) => LabOptions.RunAsync(() =>
        {
            Converge.Lab.LabPrerequisites.EnsurePlatform();
            return LabOptions.RunInteractiveAsync("nsenter", LabOptions.Engine().ConsoleArguments(parse.GetValue(name)!, parse.GetValue(host)!, parse.GetValue(rest) ?? []), ct);
        }));
        return command;
    }
}
