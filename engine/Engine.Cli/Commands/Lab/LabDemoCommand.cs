using System.CommandLine;
using System.Diagnostics;
using Converge.Lab;
using Spectre.Console;

namespace Converge.Cli.Commands.Lab;

/// <summary>
/// <c>converge lab demo</c>: the README's first command. Brings a lab up (3 mesh hosts and a builder),
/// applies the seed playbook, shows every container pinging every other across hosts at full MTU
/// with DF, applies again to show zero changes, and leaves the lab up to explore.
/// </summary>
public static class LabDemoCommand
{
    private static readonly TimeSpan Convergence = TimeSpan.FromSeconds(120);

    public static Command Create()
    {
        var name = LabOptions.Name();
        var installDeps = new Option<bool>("--install-deps") { Description = "Install missing Debian packages (debootstrap, dpkg-dev, ...) with apt-get." };
        var playbook = new Option<string>("--playbook") { Description = "The seed playbook.", DefaultValueFactory = _ => "playbooks/docker-mesh.yml" };
        var inventory = new Option<string>("--inventory") { Description = "The inventory with the mesh definition for lab hosts.", DefaultValueFactory = _ => "playbooks/inventories/lab" };
        var command = new Command("demo", "The seed network on throwaway local hosts: lab up, apply, full-MTU pings between containers, rerun with zero changes.")
        {
            name, installDeps, playbook, inventory,
        };
        command.SetAction((parse, ct) => LabOptions.RunAsync(() =>
            RunAsync(parse.GetValue(name)!, parse.GetValue(installDeps), parse.GetValue(playbook)!, parse.GetValue(inventory)!, ct)));
        return command;
    }

    private static async Task<int> RunAsync(string name, bool installDeps, string playbook, string inventory, CancellationToken ct)
    {
        var playbookPath = Locate(playbook);
        var inventoryPath = Locate(inventory);
        var engine = LabOptions.Engine();
        var clock = Stopwatch.StartNew();

        AnsiConsole.MarkupLine("[bold]1. Lab hosts[/]");
        if (engine.Exists(name) && (await engine.StatusAsync(name, ct)).All(h => h.State == "up"))
        {
            AnsiConsole.MarkupLine($"lab {name} is up already: using it");
        }
        else
        {
            await engine.UpAsync(new LabSpec(name, Hosts: 3, Builder: true), installDeps, ct);
        }

        var upTime = clock.Elapsed;
        string[] apply = ["apply", playbookPath, "-i", engine.InventoryFile(name), "-i", inventoryPath, "--detailed-exitcode"];
        AnsiConsole.MarkupLine($"[bold]2. converge {Markup.Escape(string.Join(' ', apply))}[/]");
        var first = await ConvergeCommand.Create().Parse(apply).InvokeAsync(null, ct);
        var applyTime = clock.Elapsed - upTime;
        if (first is not (0 or 2))
        {
            AnsiConsole.MarkupLine($"[red]the first apply failed (exit {first})[/]; the lab stays up: converge lab status --name {name}");
            return 1;
        }

        AnsiConsole.MarkupLine("[bold]3. A container on each mesh host; every pair pings at full MTU with DF (waiting for spanning tree)[/]");
        var probe = new LabMeshProbe(engine, name);
        var containers = await probe.StartContainersAsync(ct);
        var pings = await probe.PingAllAsync(containers, Convergence, ct);
        var table = new Table().AddColumns("from", "to", "container", "bytes (DF)", "result");
        foreach (var ping in pings)
        {
            table.AddRow(ping.From, ping.To, ping.Address, (ping.PayloadBytes + 28).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ping.Passed ? "[green]ok[/] " + Markup.Escape(ping.Detail) : "[red]FAILED[/] " + Markup.Escape(ping.Detail));
        }

        AnsiConsole.Write(table);
        var pingTime = clock.Elapsed - upTime - applyTime;

        AnsiConsole.MarkupLine("[bold]4. The same playbook again: nothing may change[/]");
        var second = await ConvergeCommand.Create().Parse(apply).InvokeAsync(null, ct);

        var passed = pings.Count(p => p.Passed);
        AnsiConsole.MarkupLine("[bold]Report[/]");
        AnsiConsole.MarkupLine($"  lab up {upTime.TotalSeconds:F0} s, first apply {applyTime.TotalSeconds:F0} s (exit {first}), pings {pingTime.TotalSeconds:F0} s");
        AnsiConsole.MarkupLine($"  pings: {passed}/{pings.Count} passed between {containers.Count} containers on {containers.Count} hosts");
        AnsiConsole.MarkupLine($"  rerun: {(second == 0 ? "[green]no changes[/]" : $"[red]exit {second}[/] (0 means nothing changed)")}");
        AnsiConsole.MarkupLine($"The lab stays up: converge lab status --name {name}; converge lab ssh node1 --name {name}; tear down: converge lab down --name {name}");
        return passed == pings.Count && pings.Count > 0 && second == 0 ? 0 : 1;
    }

    /// <summary>A repository path, from the current directory or any directory above it or above converge itself.</summary>
    private static string Locate(string relative)
    {
        if (Path.IsPathRooted(relative))
        {
            return relative;
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, relative);
                if (File.Exists(candidate) || Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new LabException($"{relative} not found: run the demo from a clone of the converge repository, or pass its path");
    }
}
