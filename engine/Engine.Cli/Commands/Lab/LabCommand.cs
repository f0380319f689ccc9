using System.CommandLine;

namespace Converge.Cli.Commands.Lab;

/// <summary><c>converge lab</c>: throwaway Debian hosts on this machine (root, Linux).</summary>
public static class LabCommand
{
    public static Command Create()
    {
        var lab = new Command("lab", "Throwaway Debian hosts on this machine (namespaces, no VMs) to try playbooks against. Root and Linux only.");
        lab.Subcommands.Add(LabUpCommand.Create());
        lab.Subcommands.Add(LabDownCommand.Create());
        lab.Subcommands.Add(LabStatusCommand.Create());
        lab.Subcommands.Add(LabListCommand.Create());
        lab.Subcommands.Add(LabSshCommand.Create());
        lab.Subcommands.Add(LabConsoleCommand.Create());
        lab.Subcommands.Add(LabRebootCommand.Create());
        lab.Subcommands.Add(LabPowerCommand.Create("stop", "Power a host off (graceful halt; --hard pulls the plug); it stays off until `lab start`."));
        lab.Subcommands.Add(LabPowerCommand.Create("start", "Power a stopped host on and wait for its sshd."));
        lab.Subcommands.Add(LabDemoCommand.Create());
        return lab;
    }
}
