using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Facts;
using Converge.Core.Modules;
using Converge.Modules.Common;
using FluentValidation;

namespace Converge.Modules.Modprobe;

/// <summary>
/// <c>modprobe</c> (community.general): loads (<c>modprobe NAME PARAMS</c>) or unloads (<c>modprobe -r</c>) a kernel module
/// when /proc/modules says otherwise, and with <c>persistent</c> keeps it across reboots as that module does:
/// <c>/etc/modules-load.d/NAME.conf</c> and <c>/etc/modprobe.d/NAME.conf</c> (<c>options NAME key=value</c> lines) written,
/// or every line naming it commented out. <paramref name="root"/> prefixes the files read and written (tests give a folder).
/// </summary>
public sealed class ModprobeModule(string root) : Module<ModprobeParams>
{
    public ModprobeModule()
        : this(string.Empty)
    {
    }

    public override string Name => "modprobe";

    protected override IValidator<ModprobeParams> ParamsValidator => ParamsValidators.Of<ModprobeParamsValidator>();

    public override IReadOnlyList<IFact> FactsOf(ModprobeParams p) => [new ModprobeFact(p.Name, root)];

    public override async Task<Plan> CheckAsync(ModuleContext context, ModprobeParams p, CancellationToken ct)
    {
        var state = await context.Facts.GetAsync(new ModprobeFact(p.Name, root), ct);
        var output = new Dictionary<string, object?>(StringComparer.Ordinal) { ["name"] = p.Name, ["params"] = p.Params, ["state"] = p.State };
        if (state.Loaded is not { } loaded)
        {
            throw new TaskFailedException($"{context.Host} has no readable /proc/modules, so whether {p.Name} is loaded cannot be told (a container sharing its host's kernel?); kernel modules are managed on the host that owns the kernel");
        }

        var changes = new List<Change>();
        if (loaded != (p.State == "present"))
        {
            changes.Add(new Change($"kernel module {p.Name}: loaded", loaded ? "yes" : "no", loaded ? "no" : "yes"));
        }

        var wanted = p.Params.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        if (p.Persistent == "present" && !(state.LoadFiles.Count > 0 && state.Params.SetEquals(wanted)))
        {
            changes.Add(new Change($"kernel module {p.Name}: loaded at boot", Persisted(state), $"yes, {Show(wanted)}"));
        }
        else if (p.Persistent == "absent" && (state.LoadFiles.Count > 0 || state.Params.Count > 0))
        {
            changes.Add(new Change($"kernel module {p.Name}: loaded at boot", Persisted(state), "no"));
        }

        return changes.Count == 0
            ? Plan.InSync($"kernel module {p.Name} is {(loaded ? "loaded" : "not loaded")}{(p.Persistent == "disabled" ? string.Empty : $", {(p.Persistent == "present" ? "and" : "nor")} loaded at boot")}") with { Output = output }
            : Plan.Drift(changes) with { Output = output, State = state };
    }

    public override async Task<ApplyResult> ApplyAsync(ModuleContext context, ModprobeParams p, Plan plan, CancellationToken ct)
    {
        var state = plan.State as ModprobeState ?? throw new TaskFailedException("modprobe: apply was given a plan this module did not make");
        try
        {
            if (plan.Changes.Any(c => c.Path.EndsWith(": loaded", StringComparison.Ordinal)))
            {
                await HostCommand.RunAsync(context, p.State == "present" ? CommandSpec.Change("modprobe", [p.Name, .. p.Params.Split(' ', StringSplitOptions.RemoveEmptyEntries)]) : CommandSpec.Change("modprobe", "-r", p.Name), ct);
            }

            if (plan.Changes.Any(c => c.Path.EndsWith(": loaded at boot", StringComparison.Ordinal)))
            {
                await PersistAsync(context, p, state, ct);
            }
        }
        finally
        {
            context.Facts.Invalidate<ModprobeFact>();
        }

        return new ApplyResult(plan.Reason) { Output = plan.Output };
    }

    /// <summary>As community.general's modprobe: a file of its own for a module not named yet; old <c>options</c> lines commented out before new ones are written.</summary>
    private async Task PersistAsync(ModuleContext context, ModprobeParams p, ModprobeState state, CancellationToken ct)
    {
        var wanted = p.Params.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var optionsFiles = $"{root}/etc/modprobe.d";
        if (p.Persistent == "present")
        {
            await HostCommand.RunAsync(context, CommandSpec.Change("mkdir", "-p", "--", $"{root}/etc/modules-load.d", optionsFiles), ct);
            if (state.LoadFiles.Count == 0)
            {
                await context.Connection.WriteFileAsync($"{root}/etc/modules-load.d/{p.Name}.conf", System.Text.Encoding.UTF8.GetBytes(p.Name + "\n"), FileWriteOptions.Default, ct);
            }

            if (!state.Params.SetEquals(wanted))
            {
                await CommentOutAsync(context, optionsFiles, $"^(options {p.Name} [A-Za-z0-9_]+=[^ ]+ *([#;].*)?)$", ct);
                var text = string.Concat(wanted.Select(w => $"options {p.Name} {w}\n"));
                await context.Connection.WriteFileAsync($"{optionsFiles}/{p.Name}.conf", System.Text.Encoding.UTF8.GetBytes(text.Length == 0 ? "\n" : text), FileWriteOptions.Default, ct);
            }

            return;
        }

        await CommentOutAsync(context, $"{root}/etc/modules-load.d", $"^( *{p.Name} *([#;].*)?)$", ct);
        await CommentOutAsync(context, optionsFiles, $"^(options {p.Name} [A-Za-z0-9_]+=[^ ]+ *([#;].*)?)$", ct);
    }

    private static Task CommentOutAsync(ModuleContext context, string directory, string pattern, CancellationToken ct) =>
        HostCommand.RunAsync(context, CommandSpec.Change("/bin/sh", "-c", "for f in \"$1\"/*; do [ -f \"$f\" ] && grep -Eq \"$2\" \"$f\" && { sed -E -i \"s/$2/#\\1/\" \"$f\" || exit 1; }; done; exit 0", "converge-modprobe", directory, pattern), ct);

    private static string Persisted(ModprobeState state) =>
        state.LoadFiles.Count == 0 && state.Params.Count == 0 ? "no" : $"{(state.LoadFiles.Count > 0 ? "yes" : "no")}, {Show(state.Params)}";

    private static string Show(IEnumerable<string> parameters) => parameters.Any() ? string.Join(" ", parameters.Order(StringComparer.Ordinal)) : "no params";
}
