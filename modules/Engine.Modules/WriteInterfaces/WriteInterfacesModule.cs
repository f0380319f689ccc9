using System.Text;
using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Diffs;
using Converge.Core.Facts;
using Converge.Core.Modules;
using Converge.Modules.Common;
using FluentValidation;

namespace Converge.Modules.WriteInterfaces;

/// <summary>
/// Writes the mesh's ifupdown stanzas (OVS bridge, tunnel ports, docker0) into a file of its own under
/// <c>/etc/network/interfaces.d/</c> and makes sure <c>/etc/network/interfaces</c> sources it. The user's own
/// stanzas (lo, eth0, ...) are never rewritten; a user stanza that defines one of the mesh's interfaces is an
/// error rather than a silent duplicate. Files are compared stanza by stanza, option by option, so comments
/// and indentation are not drift. Nothing is brought up here: the new layout takes effect at the next boot
/// (notify a reboot handler), as in the seed.
/// </summary>
public sealed class WriteInterfacesModule : WorkModule<WriteInterfacesParams, WriteInterfacesState>
{
    public override string Name => "write-interfaces";

    protected override IValidator<WriteInterfacesParams> ParamsValidator => ParamsValidators.Of<WriteInterfacesParamsValidator>();

    /// <summary>Both files, and the underlay's MAC address when the netdev layout needs it and none is given, read in the runner's batch.</summary>
    public override IReadOnlyList<IFact> FactsOf(WriteInterfacesParams parameters) =>
        parameters.Mesh is { Switch: "ovs", Datapath: "netdev" } mesh && parameters.UnderlayHwaddr is null
            ? [new FileTextFact(parameters.Path), new FileTextFact(parameters.InterfacesFile), new InterfaceMacFact(mesh.UnderlayInterface)]
            : [new FileTextFact(parameters.Path), new FileTextFact(parameters.InterfacesFile)];

    public override async Task<Plan> CheckAsync(ModuleContext context, WriteInterfacesParams parameters, CancellationToken ct)
    {
        var mesh = parameters.Mesh;
        var hwaddr = parameters.UnderlayHwaddr;
        if (mesh is { Switch: "ovs", Datapath: "netdev" } && hwaddr is null)
        {
            hwaddr = await context.Facts.GetAsync(new InterfaceMacFact(mesh.UnderlayInterface), ct)
                ?? throw new TaskFailedException(
                    $"write-interfaces: cannot read the MAC address of {mesh.UnderlayInterface} (/sys/class/net/{mesh.UnderlayInterface}/address), which the netdev layout pins on br-phy; set underlay_hwaddr");
        }

        var desired = InterfacesRenderer.Render(mesh, hwaddr, parameters.FastStp);
        var current = await context.Facts.GetAsync(new FileTextFact(parameters.Path), ct);
        var main = await context.Facts.GetAsync(new FileTextFact(parameters.InterfacesFile), ct);
        var mainFile = InterfacesFile.Parse(main ?? string.Empty);
        var taken = parameters.TakeOver ? Clashes(mainFile, parameters) : [];
        if (!parameters.TakeOver)
        {
            CheckClashes(mainFile, parameters);
        }

        var editedMain = taken.Count > 0 ? InterfacesTakeOver.Apply(main ?? string.Empty, taken) : main;

        var changes = new List<Change>();
        var desiredFile = InterfacesFile.Parse(desired);
        if (current is null || !InterfacesFile.Parse(current).SameAs(desiredFile))
        {
            changes.Add(new Change(parameters.Path, Summary(current), Summary(desired))
            {
                Diff = UnifiedDiff.Create(current, desired, parameters.Path, parameters.Path),
            });
        }

        string? newMain = taken.Count > 0 ? editedMain : null;
        if (!mainFile.Includes(parameters.Path, parameters.InterfacesFile))
        {
            var prefix = string.IsNullOrEmpty(editedMain) ? string.Empty : editedMain.EndsWith('\n') ? editedMain + "\n" : editedMain + "\n\n";
            newMain = prefix + $"# Added by Converge (write-interfaces): the mesh stanzas of this host.\nsource {parameters.Path}\n";
        }

        if (newMain is not null)
        {
            var what = taken.Count > 0 ? $"takes over {string.Join(", ", taken)}" : "source line";
            changes.Add(new Change($"{parameters.InterfacesFile}: {what}", null, taken.Count > 0 ? string.Join(", ", taken) : $"source {parameters.Path}")
            {
                Diff = UnifiedDiff.Create(main, newMain, parameters.InterfacesFile, parameters.InterfacesFile),
            });
        }

        if (changes.Count == 0)
        {
            return Plan.InSync($"{parameters.Path} holds the mesh stanzas of {mesh.Name} ({desiredFile.Stanzas.Count(s => s.Keyword == "iface")} interfaces) and {parameters.InterfacesFile} sources it");
        }

        return Plan.Drift(changes) with { State = new WriteInterfacesState(changes.Any(c => c.Path == parameters.Path) ? desired : null, newMain) };
    }

    protected override async Task<ApplyResult> ApplyAsync(ModuleContext context, WriteInterfacesParams parameters, Plan plan, WriteInterfacesState state, CancellationToken ct)
    {
        var written = new List<string>();
        if (state.Content is not null)
        {
            await context.Connection.EnsureDirectoryAsync(Path.GetDirectoryName(parameters.Path)!, Name, ct);

            // No backup here: a backup beside the file would itself be sourced by `source interfaces.d/*`.
            await context.Connection.WriteFileAsync(parameters.Path, Encoding.UTF8.GetBytes(state.Content), new FileWriteOptions { Mode = 0b110_100_100 }, ct);
            written.Add(parameters.Path);
        }

        if (state.InterfacesContent is not null)
        {
            await context.Connection.WriteFileAsync(parameters.InterfacesFile, Encoding.UTF8.GetBytes(state.InterfacesContent), new FileWriteOptions { Backup = true }, ct);
            written.Add(parameters.InterfacesFile);
        }

        return ApplyResult.Done($"wrote {string.Join(" and ", written)}; the mesh interfaces come up at the next boot");
    }

    private static List<string> Clashes(InterfacesFile main, WriteInterfacesParams parameters) =>
        [.. InterfacesRenderer.Interfaces(parameters.Mesh).Where(name => main.Definition(name) is not null)];

    private static void CheckClashes(InterfacesFile main, WriteInterfacesParams parameters)
    {
        var clashes = InterfacesRenderer.Interfaces(parameters.Mesh)
            .Select(name => main.Definition(name))
            .Where(stanza => stanza is not null)
            .Select(stanza => $"{parameters.InterfacesFile}:{stanza!.Line} defines `{stanza}`")
            .ToList();
        if (clashes.Count > 0)
        {
            var netdev = parameters.Mesh is { Switch: "ovs", Datapath: "netdev" }
                ? $" (with the netdev datapath {parameters.Mesh.UnderlayInterface} becomes a port of br-phy, which takes over its address)"
                : string.Empty;
            throw new TaskFailedException(
                $"write-interfaces: {string.Join("; ", clashes)}, but {parameters.Path} manages that interface{netdev}; remove the stanza from {parameters.InterfacesFile} so ifupdown does not see it twice, or set take_over: true to comment it out there");
        }
    }

    private static string? Summary(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var interfaces = InterfacesFile.Parse(text).Stanzas.Where(s => s.Keyword == "iface").Select(s => s.DefinedInterface);
        return "interfaces " + string.Join(' ', interfaces);
    }
}
