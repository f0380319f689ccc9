using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Facts;
using Converge.Core.Modules;
using FluentValidation;

namespace Converge.Modules.Supervisorctl;

/// <summary>
/// <c>supervisorctl</c> (community.general): Ansible's decisions from <c>supervisorctl status</c>, read in the host's
/// probe batch (alone when a password is given, which travels on standard input). <c>present</c> adds a program group
/// supervisord does not run yet (<c>reread</c>, <c>add</c>); <c>absent</c> removes one it runs (<c>reread</c>,
/// <c>remove</c>); <c>started</c>, <c>stopped</c> and <c>signalled</c> act on each matching process not yet in that
/// state; <c>restarted</c> is always a change (<c>update</c>, then <c>restart</c> of each match), as in Ansible. Ansible
/// runs that <c>update</c> in check mode too; Converge only in the apply.
/// </summary>
public sealed class SupervisorctlModule : Module<SupervisorctlParams>
{
    public override string Name => "supervisorctl";

    protected override IValidator<SupervisorctlParams> ParamsValidator => ParamsValidators.Of<SupervisorctlParamsValidator>();

    public override IReadOnlyList<IFact> FactsOf(SupervisorctlParams parameters) => [new SupervisorStatusFact(parameters)];

    public override async Task<Plan> CheckAsync(ModuleContext context, SupervisorctlParams parameters, CancellationToken ct)
    {
        var matched = Matching(parameters.Name, await context.Facts.GetAsync(new SupervisorStatusFact(parameters), ct));
        var group = GroupName(parameters.Name);
        var output = new Dictionary<string, object?>(StringComparer.Ordinal) { ["name"] = group, ["state"] = parameters.State };
        switch (parameters.State)
        {
            case "present" when matched.Count > 0:
                return Plan.InSync($"supervisord runs {Describe(matched)}") with { Output = output };
            case "present":
                return Plan.Drift([new Change($"supervisorctl {group}", "not in supervisord", "added")]) with { State = matched, Output = output };
            case "absent" when matched.Count == 0:
                return Plan.InSync($"supervisord has no process {parameters.Name}") with { Output = output };
            case "absent":
                return Plan.Drift([new Change($"supervisorctl {group}", Describe(matched), "removed")]) with { State = matched, Output = output };
            case "restarted":
                // Ansible's update may add the program first, so a name supervisord does not know yet is not an error here.
                return Plan.Drift(matched.Count == 0
                    ? [new Change($"supervisorctl {group}", "not in supervisord", "updated, restarted")]
                    : [.. matched.Select(p => new Change($"supervisorctl {p.Name}", p.Status, "restarted"))]) with { State = matched, Output = output };
        }

        if (matched.Count == 0)
        {
            throw new TaskFailedException($"ERROR (no such process): supervisord has no process {parameters.Name}");
        }

        var (wanted, acts) = Action(parameters.State);
        var todo = matched.Where(p => acts(p.Status)).ToList();
        return todo.Count == 0
            ? Plan.InSync($"{Describe(matched)}") with { Output = output }
            : Plan.Drift([.. todo.Select(p => new Change($"supervisorctl {p.Name}", p.Status, wanted))]) with { State = todo, Output = output };
    }

    public override async Task<ApplyResult> ApplyAsync(ModuleContext context, SupervisorctlParams parameters, Plan plan, CancellationToken ct)
    {
        var processes = plan.State as IReadOnlyList<SupervisorProcess> ?? throw new TaskFailedException("supervisorctl: apply was given a plan this module did not make");
        var group = GroupName(parameters.Name);
        var output = new Dictionary<string, object?>(plan.Output, StringComparer.Ordinal);
        switch (parameters.State)
        {
            case "present" or "absent":
                var verb = parameters.State == "present" ? "add" : "remove";
                await RunAsync(context, parameters, mustSucceed: true, "reread");
                var reply = await RunAsync(context, parameters, mustSucceed: false, verb, group);
                Expect(reply, $"{group}: {(verb == "add" ? "added" : "removed")} process group");
                break;
            case "restarted":
                await RunAsync(context, parameters, mustSucceed: true, "update");
                context.Facts.Invalidate<SupervisorStatusFact>();
                processes = Matching(parameters.Name, await context.Facts.GetAsync(new SupervisorStatusFact(parameters), ct));
                if (processes.Count == 0)
                {
                    throw new TaskFailedException($"ERROR (no such process): supervisord has no process {parameters.Name}");
                }

                await ActAsync(context, parameters, processes, ["restart"], "started");
                output["affected"] = processes.Select(p => p.Name).ToList();
                break;
            default:
                string[] action = parameters.State switch { "started" => ["start"], "stopped" => ["stop"], _ => ["signal", parameters.Signal!] };
                await ActAsync(context, parameters, processes, action, Action(parameters.State).Wanted);
                output["affected"] = processes.Select(p => p.Name).ToList();
                break;
        }

        context.Facts.Invalidate<SupervisorStatusFact>();
        return new ApplyResult($"supervisorctl: {plan.Reason}") { Output = output };

        async Task<CommandResult> RunAsync(ModuleContext c, SupervisorctlParams p, bool mustSucceed, params string[] words)
        {
            var command = SupervisorctlCommand.For(p, CommandKind.Change, words);
            var result = await c.Connection.RunAsync(command, ct);
            if (mustSucceed && !result.Succeeded)
            {
                throw new TaskFailedException($"supervisorctl {string.Join(' ', words)} failed: {Said(result)}", command.CommandLine, result.ExitCode, result.StderrTail());
            }

            return result;
        }

        async Task ActAsync(ModuleContext c, SupervisorctlParams p, IReadOnlyList<SupervisorProcess> on, string[] action, string expected)
        {
            foreach (var process in on)
            {
                Expect(await RunAsync(c, p, mustSucceed: true, [.. action, process.Name]), $"{process.Name}: {expected}");
            }
        }
    }

    /// <summary>Ansible's get_matched_processes: a group (<c>NAME:</c>) matches its members, <c>all</c> every process, else the exact name.</summary>
    public static IReadOnlyList<SupervisorProcess> Matching(string name, IReadOnlyList<SupervisorProcess> processes)
    {
        var group = GroupName(name);
        return name.EndsWith(':')
            ? [.. processes.Where(p => p.Name.Contains(':') && p.Name.Split(':')[0] == group)]
            : [.. processes.Where(p => p.Name == name || name == "all")];
    }

    private static string GroupName(string name) => name.TrimEnd(':');

    private static (string Wanted, Func<string, bool> Acts) Action(string state) => state switch
    {
        "started" => ("started", s => s is not ("RUNNING" or "STARTING")),
        "stopped" => ("stopped", s => s is "RUNNING" or "STARTING"),
        _ => ("signalled", s => s == "RUNNING"),
    };

    private static string Describe(IReadOnlyList<SupervisorProcess> processes) => string.Join(", ", processes.Select(p => $"{p.Name} {p.Status}"));

    /// <summary>Ansible fails the task with supervisorctl's reply when it does not say what was asked ("web: started").</summary>
    private static void Expect(CommandResult result, string reply)
    {
        if (!result.Stdout.Contains(reply, StringComparison.Ordinal))
        {
            throw new TaskFailedException($"supervisorctl did not answer '{reply}': {Said(result)}", null, result.ExitCode, result.StderrTail());
        }
    }

    private static string Said(CommandResult result) =>
        string.Join("; ", (result.Stdout + result.Stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(3)) is { Length: > 0 } said ? said : $"exit code {result.ExitCode}";
}
