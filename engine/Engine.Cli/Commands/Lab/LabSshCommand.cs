using System.CommandLine;

namespace Converge.Cli.Commands.Lab;

/// <summary><c>converge lab ssh HOST [-- CMD]</c>: the system ssh client with the lab key and known_hosts.</summary>
public static class LabSshCommand
{
    public static Command Create()
    {
        var name = LabOptions.Name();
        var host = LabOptions.Host();
        var rest = new Argument<string[]>("command") { Description = "A command to run instead of a shell (after --).", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("ssh", "SSH into a lab host as root (host key checked against the lab's known_hosts).") { name, host, rest };
        command.SetAction((parse, ct) => LabOptions.RunAsync(() =>
        {
            // The lab key and state are root's: a clear message beats an access-denied stack trace.
            Converge.Lab.LabPrerequisites.EnsurePlatform();
            return LabOptions.RunInteractiveAsync("ssh", LabOptions.Engine().SshArguments(parse.GetValue(name)!, parse.GetValue(host)!, parse.GetValue(rest) ?? []), ct);
        }));
        return command;
    }
}
