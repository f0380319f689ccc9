using Converge.Core.Diagnostics;
using Converge.Core.Graph;
using Converge.Core.Inventory;
using Converge.Core.Modules;
using Converge.Core.Planning;
using Converge.Core.Playbooks;
using Converge.Core.Templates;
using Converge.Core.Variables;
using Converge.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace Converge.Core.Running;

/// <summary>
/// Load and validate everything before any host is contacted: inventory, extra vars, playbook, planners,
/// host patterns, the graph, and every task's params on every host. All diagnostics are collected and
/// thrown together as one <see cref="ConfigurationException"/>.
/// </summary>
public sealed partial class RunLoader(ModuleRegistry modules, IReadOnlyList<IInventoryPlanner> planners, TemplateEngine templates)
{
    public LoadedRun Load(RunRequest request)
    {
        var diagnostics = new DiagnosticBag();
        Vault.VaultKeyring.Current = request.Vault;
        if (request.Inventories.Count == 0)
        {
            diagnostics.Add(SourceSpan.CommandLine("-i"), "no inventory: give one with -i/--inventory (a file, a directory or 'host1,host2,') or set 'inventory' in ansible.cfg's [defaults]");
        }

        // The playbook does not depend on the inventory: it is read and parsed on another core while the inventory is
        // (start-up runs before any host is contacted, on this one thread otherwise). The bag is thread-safe and sorts
        // its diagnostics by place, so what is printed is the same. A failure of either is thrown as before.
        var loader = new PlaybookLoader([.. modules.Names], request.RolesPath, modules.Refused);
        var loading = Task.Run(() => File.Exists(request.Playbook) ? loader.Load(request.Playbook, diagnostics) : null);
        var inventory = InventoryLoader.Load(request.Inventories, diagnostics, Path.GetDirectoryName(request.Playbook));
        var extra = ExtraVariables.Parse(request.ExtraVars, diagnostics);
        var playbook = loading.GetAwaiter().GetResult();
        if (playbook is null && !File.Exists(request.Playbook))
        {
            diagnostics.Add(SourceSpan.CommandLine("playbook"), $"playbook '{request.Playbook}' does not exist");
        }

        var (hostVariables, plans) = Plan(inventory, request.HostDefaults, diagnostics);
        if (playbook is null)
        {
            diagnostics.ThrowIfErrors();
            throw new ConfigurationException(SourceSpan.CommandLine("playbook"), "the playbook could not be loaded");
        }

        var limit = Limit(request.Limit, inventory, diagnostics);
        var playHosts = new Dictionary<int, IReadOnlyList<string>>();
        var playVariables = new Dictionary<int, IReadOnlyDictionary<string, object?>>();
        var privateAnswers = new List<Secrets.Secret>();
        foreach (var play in playbook.Plays)
        {
            var hosts = HostPattern.Resolve(play.Hosts, inventory, out var error);
            if (error is not null)
            {
                diagnostics.Add(play.HostsSpan, $"hosts: {error}");
            }

            playHosts[play.Index] = limit is null ? hosts : [.. hosts.Where(limit.Contains)];
            var vars = PlayVariables(play, playbook, diagnostics);
            PromptedVariables.Add(play, extra, request.Ask, privateAnswers, vars, diagnostics);
            playVariables[play.Index] = vars;
        }

        var graph = GraphBuilder.Build(playbook, playHosts, inventory.HostNames, request.Filter, diagnostics);
        var run = new LoadedRun
        {
            Playbook = playbook,
            Inventory = inventory,
            Graph = graph,
            HostVariables = hostVariables,
            PlayVariables = playVariables,
            ExtraVariables = extra,
            Plans = plans,
            Includes = loader,
        };
        // Every task that loaded is validated even when other parts have errors, so one run shows them all.
        var secrets = new Secrets.Redactor();

        // What the vault opened while loading is a secret of the run, like a become password.
        request.Vault.RegisterWith(secrets);
        privateAnswers.ForEach(secrets.Register);
        run = run with { Connections = ConnectionPlan.Read(run, templates, secrets, diagnostics), Secrets = secrets };
        var unreached = new UnreachedTasks();
        var unreachable = ValidateTasks(run, diagnostics, unreached);
        var includes = ValidateIncludes(run, diagnostics, unreached);
        run = run with { RuntimeIncludes = includes.Runtime, AssumedIncludes = [.. includes.Assumed.DistinctBy(r => (r.Span, r.Name))], IncludedBeforeRun = includes.Read, IncludedElsewhere = includes.Elsewhere, Unreached = unreached };
        ValidateLocalFiles(run, diagnostics, unreachable);

        if (diagnostics.HasErrors)
        {
            // A diagnostic may quote a value that reached a secret variable.
            throw new ConfigurationException([.. diagnostics.Items.Select(d => d with { Message = secrets.Redact(d.Message) })]) { Unreached = unreached, IncludedBeforeRun = run.IncludedBeforeRun, IncludedElsewhere = run.IncludedElsewhere };
        }

        return run;
    }

    private (IReadOnlyDictionary<string, IReadOnlyDictionary<string, object?>>, IReadOnlyList<(string, InventoryPlan)>) Plan(Inventory.Inventory inventory, IReadOnlyDictionary<string, object?> defaults, DiagnosticBag diagnostics)
    {
        var variables = inventory.HostNames.ToDictionary(h => h, h => WithDefaults(inventory.VariablesOf(h), defaults), StringComparer.Ordinal);
        var merged = variables.ToDictionary(p => p.Key, p => new Dictionary<string, object?>(p.Value, StringComparer.Ordinal), StringComparer.Ordinal);
        var plans = new List<(string, InventoryPlan)>();
        foreach (var planner in planners)
        {
            var plan = planner.Plan(variables, inventory.OriginOf, diagnostics);
            if (plan is null)
            {
                continue;
            }

            plans.Add((planner.Name, plan));
            foreach (var (host, extra) in plan.HostVariables)
            {
                VariableMerge.Overlay(merged[host], extra);
            }
        }

        return (merged.ToDictionary(p => p.Key, p => (IReadOnlyDictionary<string, object?>)p.Value, StringComparer.Ordinal), plans);
    }

    private static HashSet<string>? Limit(string? pattern, Inventory.Inventory inventory, DiagnosticBag diagnostics)
    {
        if (string.IsNullOrWhiteSpace(pattern))
        {
            return null;
        }

        var hosts = HostPattern.Resolve(pattern, inventory, out var error);
        if (error is not null)
        {
            diagnostics.Add(SourceSpan.CommandLine("--limit"), error);
        }

        return hosts.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>A host's inventory variables over the defaults ansible.cfg implies (which the inventory overrides).</summary>
    private static IReadOnlyDictionary<string, object?> WithDefaults(IReadOnlyDictionary<string, object?> variables, IReadOnlyDictionary<string, object?> defaults)
    {
        if (defaults.Count == 0)
        {
            return variables;
        }

        var merged = new Dictionary<string, object?>(defaults, StringComparer.Ordinal);
        VariableMerge.Overlay(merged, variables);
        return merged;
    }

    private static Dictionary<string, object?> PlayVariables(Play play, Playbook playbook, DiagnosticBag diagnostics)
    {
        var vars = new Dictionary<string, object?>(play.Vars, StringComparer.Ordinal);
        foreach (var file in play.VarsFiles)
        {
            // An entry that is a list of candidates (kept joined by newlines) reads the first that exists.
            var candidates = file.Split('\n').Select(f => Path.IsPathRooted(f) ? f : Path.Combine(playbook.Directory, f)).ToList();
            var path = candidates.FirstOrDefault(File.Exists);
            if (path is null)
            {
                diagnostics.Add(play.Span, $"vars_files: '{file.Replace("\n", "', '", StringComparison.Ordinal)}' does not exist (looked for {string.Join(", ", candidates)})");
                continue;
            }

            var yaml = YamlFile.Load(path, diagnostics);
            if (yaml?.Root is YamlMappingNode mapping)
            {
                VariableMerge.Overlay(vars, YamlValues.ToDictionary(mapping));
            }
            else if (yaml?.Root is not null)
            {
                diagnostics.Add(yaml.SpanOf(yaml.Root), "a vars file must be a mapping of variable names to values");
            }
        }

        return vars;
    }

}
