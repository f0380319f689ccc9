using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Graph;
using Converge.Core.Secrets;
using Converge.Core.Templates;

namespace Converge.Core.Running;

/// <summary>
/// How every node reaches its host, read once at load: the connection variables (<see cref="HostConnectionSettings.VariableNames"/>)
/// with the precedence of all variables (inventory, play vars, block and task vars, extra vars last, as in
/// Ansible), rendered as templates with the node's variables, then read into <see cref="HostConnectionSettings"/>.
/// Nodes whose settings are equal share one instance. Every value that reaches a secret variable is registered
/// with the run's redactor, so it is never printed, wherever it came from. A bad value is a diagnostic at the
/// place the variable was set.
/// </summary>
public sealed class ConnectionPlan
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<GraphNode, HostConnectionSettings> _byNode;

    /// <summary>Nodes whose <c>delegate_to</c> names the loop item: their host is known per item, when the item runs.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<GraphNode, byte> _perItem = new();

    private ConnectionPlan(Dictionary<GraphNode, HostConnectionSettings> byNode) => _byNode = new(byNode);

    internal static ConnectionPlan Empty { get; } = new([]);

    /// <summary>The settings a node runs with (its host's, with its play's, blocks' and task's vars).</summary>
    public HostConnectionSettings For(GraphNode node) => _byNode[node];

    /// <summary>
    /// The settings one item of a node runs with: the node's, or for a <c>delegate_to</c> over the loop item
    /// (<c>delegate_to: "{{ item }}"</c>), the host it names with this item, which must be one of the inventory (or
    /// localhost); otherwise the item fails, located at the task.
    /// </summary>
    internal HostConnectionSettings ForItem(LoadedRun run, GraphNode node, IReadOnlyDictionary<string, object?> itemVars, TemplateEngine templates)
    {
        if (!_perItem.ContainsKey(node))
        {
            return For(node);
        }

        var diagnostics = new DiagnosticBag();
        return SettingsOf(run, node, itemVars, templates, run.Secrets, diagnostics, perItem: null)
            ?? throw new TaskFailedException(string.Join("; ", diagnostics.Items.Select(d => $"{d.Span}: {d.Message}")));
    }

    /// <summary>
    /// Reads the settings of nodes spliced in at run time (a dynamic include's tasks) with the host's variables as
    /// they are now; a problem goes to <paramref name="diagnostics"/> and the node then runs as its include does.
    /// </summary>
    internal void Add(LoadedRun run, IEnumerable<GraphNode> nodes, GraphNode include, VariableScope scope, TemplateEngine templates, DiagnosticBag diagnostics)
    {
        foreach (var node in nodes)
        {
            _byNode[node] = SettingsOf(run, node, scope.For(node), templates, run.Secrets, diagnostics, _perItem) ?? For(include);
        }
    }

    /// <summary>
    /// The one answer to "what is this node's become": the task's <c>become</c>, else the innermost block's, else
    /// the play's, else the host's <c>ansible_become</c> (all after precedence); the user likewise, falling back to
    /// <c>ansible_become_user</c>; the password is always <c>ansible_become_password</c>. Null: no escalation.
    /// </summary>
    public Become? BecomeOf(GraphNode node)
    {
        var settings = For(node);
        var blocks = node.Scope.OutermostFirst().Reverse().ToList();
        var enabled = node.Task.Become ?? blocks.Select(b => b.Become).FirstOrDefault(b => b is not null) ?? node.Play.Become ?? settings.Become;
        var user = node.Task.BecomeUser ?? blocks.Select(b => b.BecomeUser).FirstOrDefault(u => u is not null) ?? node.Play.BecomeUser;
        return enabled ? settings.ToBecome(user) : null;
    }

    /// <summary>Reads the settings of every node of <paramref name="run"/>; problems go to <paramref name="diagnostics"/>.</summary>
    internal static ConnectionPlan Read(LoadedRun run, TemplateEngine templates, Redactor redactor, DiagnosticBag diagnostics)
    {
        var scope = new VariableScope(run, check: false);
        var byNode = new Dictionary<GraphNode, HostConnectionSettings>();
        var perItem = new System.Collections.Concurrent.ConcurrentDictionary<GraphNode, byte>();
        foreach (var host in run.Graph.Hosts)
        {
            var distinct = new List<HostConnectionSettings>();
            var byPlay = new Dictionary<int, HostConnectionSettings?>();
            foreach (var node in run.Graph.NodesOf(host))
            {
                // Most nodes differ from their play's first node only in variables that are not connection variables.
                var own = node.Task.DelegateTo is not null || node.Task.Connection is not null
                    || node.Task.Vars.Keys.Concat(node.Scope.OutermostFirst().SelectMany(s => s.Vars.Keys)).Any(HostConnectionSettings.VariableNames.Contains);
                if (!own && byPlay.TryGetValue(node.Play.Index, out var shared))
                {
                    if (shared is not null)
                    {
                        byNode[node] = shared;
                    }

                    continue;
                }

                var settings = SettingsOf(run, node, scope.For(node), templates, redactor, diagnostics, perItem);
                if (settings is not null)
                {
                    settings = distinct.FirstOrDefault(settings.Matches) ?? settings;
                    if (!distinct.Contains(settings))
                    {
                        distinct.Add(settings);
                    }
                }

                if (!own)
                {
                    byPlay[node.Play.Index] = settings;
                }

                if (settings is not null)
                {
                    byNode[node] = settings;
                }
            }
        }

        var plan = new ConnectionPlan(byNode);
        foreach (var node in perItem.Keys)
        {
            plan._perItem[node] = 0;
        }

        return plan;
    }

    /// <summary>
    /// One node's settings: its host's connection variables, or with <c>delegate_to</c> the delegated host's (its
    /// inventory variables; <c>localhost</c> outside the inventory is this machine, as in Ansible); the
    /// <c>connection:</c> keyword counts where no <c>ansible_connection</c> variable is set, as Ansible's variables
    /// win over its keywords. <c>delegate_to</c> may be a template over variables known before the run.
    /// </summary>
    private static HostConnectionSettings? SettingsOf(LoadedRun run, GraphNode node, IReadOnlyDictionary<string, object?> vars, TemplateEngine templates, Redactor redactor, DiagnosticBag diagnostics, System.Collections.Concurrent.ConcurrentDictionary<GraphNode, byte>? perItem)
    {
        var host = node.Host;
        if (node.Task.DelegateTo is { } written)
        {
            string delegated;
            try
            {
                delegated = templates.RenderValue(written, vars)?.ToString() ?? string.Empty;
            }
            catch (UndefinedVariableException e) when (perItem is not null && node.Task.Loop is not null && e.Variable.Split('.', '[')[0] == node.Task.LoopControl.LoopVar)
            {
                // The delegated host depends on the loop item: known per item, when it runs (ForItem). Until then
                // the node's own host's settings stand for it (its facts, its become).
                perItem[node] = 0;
                delegated = host;
            }
            catch (ConvergeException e)
            {
                diagnostics.Add(new Diagnostic(node.Task.Span, $"task '{node.Task.Name}': delegate_to: {e.Message}; the delegated host must be known before the run") { Kind = DiagnosticKind.InvalidConnectionVariable, Names = [host, "delegate_to"] });
                return null;
            }

            // `delegate_to: "{{ x | default(omit) }}"`: as Ansible resets a keyword rendered to omit, the task is not delegated.
            if (delegated == TemplateEngine.OmitPlaceholder)
            {
                delegated = host;
            }

            if (delegated != host)
            {
                if (run.HostVariables.TryGetValue(delegated, out var inventory))
                {
                    vars = new Dictionary<string, object?>(inventory, StringComparer.Ordinal) { ["inventory_hostname"] = delegated };
                }
                else if (delegated is "localhost" or "127.0.0.1")
                {
                    vars = new Dictionary<string, object?>(StringComparer.Ordinal) { ["ansible_connection"] = "local" };
                }
                else
                {
                    diagnostics.Add(new Diagnostic(node.Task.Span, $"task '{node.Task.Name}': delegate_to: '{delegated}' is not a host of the inventory (nor localhost)") { Kind = DiagnosticKind.InvalidConnectionVariable, Names = [host, "delegate_to"] });
                    return null;
                }

                host = delegated;
            }
        }

        if (node.Task.Connection is { } connection && !vars.ContainsKey("ansible_connection"))
        {
            vars = new Dictionary<string, object?>(vars, StringComparer.Ordinal) { ["ansible_connection"] = connection };
        }

        return Read(host, vars, name => OriginOf(run, node, name), templates, redactor, diagnostics);
    }

    /// <summary>
    /// The secrets of an inventory alone (no playbook): what reaches each host's secret connection variables, for
    /// <c>converge inventory</c> to keep out of what it prints. Hosts whose variables cannot be read add nothing.
    /// </summary>
    public static Redactor SecretsOf(Inventory.Inventory inventory, TemplateEngine templates)
    {
        var redactor = new Redactor();
        foreach (var host in inventory.HostNames)
        {
            var vars = new Dictionary<string, object?>(inventory.VariablesOf(host), StringComparer.Ordinal) { ["inventory_hostname"] = host };
            Read(host, vars, name => inventory.OriginOf(host, name), templates, redactor, new DiagnosticBag());
        }

        return redactor;
    }

    private static HostConnectionSettings? Read(string host, IReadOnlyDictionary<string, object?> vars, Func<string, SourceSpan> originOf, TemplateEngine templates, Redactor redactor, DiagnosticBag diagnostics)
    {
        var rendered = new Dictionary<string, object?>(StringComparer.Ordinal);
        var failed = false;
        foreach (var name in HostConnectionSettings.VariableNames)
        {
            if (!vars.TryGetValue(name, out var value))
            {
                continue;
            }

            try
            {
                rendered[name] = value is string text && TemplateEngine.IsTemplated(text) ? templates.RenderValue(text, vars) : value;
            }
            catch (ConvergeException e)
            {
                failed = true;
                diagnostics.Add(new Diagnostic(originOf(name), $"host {host}: {name}: {e.Message}") { Kind = DiagnosticKind.InvalidConnectionVariable, Names = [host, name] });
            }
        }

        try
        {
            return failed ? null : HostConnectionSettings.FromVariables(host, rendered, redactor, originOf);
        }
        catch (ConfigurationException e)
        {
            diagnostics.AddRange(e.Diagnostics);
            return null;
        }
    }

    /// <summary>Where the value of <paramref name="name"/> that wins for <paramref name="node"/> was set, highest precedence first.</summary>
    private static SourceSpan OriginOf(LoadedRun run, GraphNode node, string name) =>
        run.ExtraVariables.ContainsKey(name) ? SourceSpan.CommandLine($"-e {name}")
        : node.Task.Vars.ContainsKey(name) || node.Scope.OutermostFirst().Any(s => s.Vars.ContainsKey(name)) ? node.Task.Span
        : run.PlayVariables.TryGetValue(node.Play.Index, out var play) && play.ContainsKey(name) ? node.Play.Span
        : run.Inventory.OriginOf(node.Host, name);
}
