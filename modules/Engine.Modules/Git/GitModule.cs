using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Facts;
using Converge.Core.Modules;
using Converge.Modules.Common;
using FluentValidation;

namespace Converge.Modules.Git;

/// <summary>
/// <c>git</c>: a checkout at a version. The check compares the checkout's HEAD with what <c>ls-remote</c> says the
/// version is (one probe in the batch); local modifications fail the task unless <c>force</c>, as in Ansible.
/// Apply clones, or fetches and switches as Ansible's switch_version does. Registered: before, after, remote_url_changed.
/// </summary>
public sealed class GitModule : Module<GitParams>
{
    public override string Name => "git";

    protected override IValidator<GitParams> ParamsValidator => ParamsValidators.Of<GitParamsValidator>();

    public override IReadOnlyList<IFact> FactsOf(GitParams parameters) => [new GitFact(parameters)];

    public override async Task<Plan> CheckAsync(ModuleContext context, GitParams parameters, CancellationToken ct)
    {
        var state = await context.Facts.GetAsync(new GitFact(parameters), ct);
        if (state.Kind == "missing" || state.Target is null)
        {
            throw new TaskFailedException($"git: version {parameters.Version} is not a branch, tag or commit of {parameters.Repo}");
        }

        var output = new Dictionary<string, object?>(StringComparer.Ordinal) { ["before"] = state.Head, ["after"] = state.Head, ["remote_url_changed"] = false };
        if (!state.Exists)
        {
            return parameters.CloneMissing
                ? Plan.Drift(new Change($"{parameters.Dest}: clone", null, Short(state.Target))) with { State = state, Output = new Dictionary<string, object?>(output) { ["after"] = state.Target } }
                : Plan.InSync($"{parameters.Dest} has no repository and clone is false") with { Output = output };
        }

        if (!parameters.Update)
        {
            return Plan.InSync($"{parameters.Dest} is at {Short(state.Head)} (update is false)") with { Output = output };
        }

        var changes = new List<Change>();
        if (state.Dirty)
        {
            if (!parameters.Force)
            {
                throw new TaskFailedException($"Local modifications exist in the destination: {parameters.Dest} (force=no).") { Output = output };
            }

            changes.Add(new Change($"{parameters.Dest}: local modifications", "present", "discarded"));
        }

        var urlChanged = state.RemoteUrl != parameters.Repo;
        if (urlChanged)
        {
            changes.Add(new Change($"{parameters.Dest}: remote {parameters.Remote} url", state.RemoteUrl, parameters.Repo));
        }

        if (!AtTarget(state))
        {
            changes.Add(new Change($"{parameters.Dest}: version {parameters.Version}", Short(state.Head), Short(state.Target)));
        }

        output["remote_url_changed"] = urlChanged;
        output["after"] = state.Kind == "commit" && AtTarget(state) ? state.Head : state.Target;
        return changes.Count == 0
            ? Plan.InSync($"{parameters.Dest} is at {parameters.Version} ({Short(state.Head)})") with { Output = output }
            : Plan.Drift(changes) with { State = state, Output = output };
    }

    public override async Task<ApplyResult> ApplyAsync(ModuleContext context, GitParams parameters, Plan plan, CancellationToken ct)
    {
        var state = plan.State as GitState ?? throw new TaskFailedException("git: apply was given a plan this module did not make");
        try
        {
            foreach (var command in state.Exists ? GitCommands.Update(parameters, state) : GitCommands.Clone(parameters, state))
            {
                await HostCommand.RunAsync(context, command, ct);
            }

            var after = await HostCommand.RunAsync(context, GitEnvironment.Git(parameters, "-C", parameters.Dest, "rev-parse", "HEAD") with { Kind = CommandKind.Probe }, ct);
            var output = new Dictionary<string, object?>(plan.Output, StringComparer.Ordinal) { ["after"] = after.Stdout.Trim() };
            return new ApplyResult($"{parameters.Dest}: {plan.Reason}") { Output = output };
        }
        finally
        {
            context.Facts.Invalidate<GitFact>();
        }
    }

    private static bool AtTarget(GitState state) =>
        state.Head is not null && state.Target is not null && state.Head.StartsWith(state.Target, StringComparison.Ordinal);

    private static string? Short(string? sha) => sha is { Length: > 12 } ? sha[..12] : sha;
}
