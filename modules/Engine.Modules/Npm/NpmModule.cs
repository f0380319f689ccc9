using Converge.Core.Connections;
using Converge.Core.Facts;
using Converge.Core.Modules;
using Converge.Modules.Common;
using FluentValidation;

namespace Converge.Modules.Npm;

/// <summary>
/// <c>npm</c> (community.general): Ansible's decisions from what npm lists, read in the host's probe batch. <c>present</c>
/// installs when the package (or, without a name, any dependency of package.json) is missing, or <c>name@version</c> is
/// not what is installed; <c>latest</c> also updates what <c>npm outdated</c> names; <c>absent</c> uninstalls an installed
/// package; <c>ci</c> is always a change. The apply runs npm with Ansible's flags in <c>path</c> (made if missing).
/// </summary>
public sealed class NpmModule : Module<NpmParams>
{
    public override string Name => "npm";

    protected override IValidator<NpmParams> ParamsValidator => ParamsValidators.Of<NpmParamsValidator>();

    public override IReadOnlyList<IFact> FactsOf(NpmParams parameters) => [FactOf(parameters)];

    public override async Task<Plan> CheckAsync(ModuleContext context, NpmParams parameters, CancellationToken ct)
    {
        var listing = await context.Facts.GetAsync(FactOf(parameters), ct);
        var subject = $"npm {parameters.Name ?? parameters.Path}";
        var wanted = NameVersion(parameters);
        var missing = listing.Missing.Concat(wanted is not null && !listing.Installed.Contains(wanted) ? [parameters.Name!] : []).Distinct().ToList();
        var changes = new List<Change>();
        if (parameters.Ci)
        {
            changes.Add(new Change(subject, null, "npm ci"));
        }
        else if (parameters.State == "absent")
        {
            if (listing.Installed.Contains(parameters.Name!))
            {
                changes.Add(new Change(subject, "installed", "absent"));
            }
        }
        else
        {
            changes.AddRange(missing.Select(m => new Change($"npm {m}", "missing", wanted is not null && m == parameters.Name ? wanted : "installed")));
            if (parameters.State == "latest")
            {
                changes.AddRange(listing.Outdated.Select(o => new Change($"npm {o}", "outdated", "latest")));
            }
        }

        return changes.Count == 0
            ? Plan.InSync(parameters.State == "absent" ? $"{parameters.Name} is not installed" : $"{wanted ?? "the dependencies of " + parameters.Path} installed")
            : Plan.Drift(changes) with { State = listing };
    }

    public override async Task<ApplyResult> ApplyAsync(ModuleContext context, NpmParams parameters, Plan plan, CancellationToken ct)
    {
        var listing = plan.State as NpmListing ?? throw new Core.Diagnostics.TaskFailedException("npm: apply was given a plan this module did not make");
        if (parameters.Path is { } path)
        {
            await HostCommand.RunAsync(context, CommandSpec.Change("mkdir", "-p", "--", path), ct);
        }

        if (parameters.Ci)
        {
            await RunAsync(context, parameters, "ci", ct);
        }
        else if (parameters.State == "absent")
        {
            await RunAsync(context, parameters, "uninstall", ct);
        }
        else
        {
            if (plan.Changes.Any(c => c.Before == "missing"))
            {
                await RunAsync(context, parameters, "install", ct);
            }

            if (parameters.State == "latest" && listing.Outdated.Count > 0)
            {
                await RunAsync(context, parameters, "update", ct);
            }
        }

        context.Facts.Invalidate<NpmListingFact>();
        return ApplyResult.Done($"npm: {plan.Reason}");
    }

    /// <summary>Ansible's Npm._exec: the verb, then --global, --production, --ignore-scripts, --unsafe-perm, the package, --registry, --no-optional, --no-bin-links.</summary>
    public static IReadOnlyList<string> Arguments(NpmParams parameters, string verb)
    {
        var arguments = new List<string>(Npm(parameters)) { verb };
        if (parameters.Global)
        {
            arguments.Add("--global");
        }

        if (parameters.Production && verb is "install" or "update" or "ci")
        {
            arguments.Add("--production");
        }

        if (parameters.IgnoreScripts)
        {
            arguments.Add("--ignore-scripts");
        }

        if (parameters.UnsafePerm)
        {
            arguments.Add("--unsafe-perm");
        }

        if ((parameters.State == "absent" ? parameters.Name : NameVersion(parameters)) is { } package && verb != "ci")
        {
            arguments.Add(package);
        }

        if (parameters.Registry is { } registry)
        {
            arguments.AddRange(["--registry", registry]);
        }

        if (parameters.NoOptional)
        {
            arguments.Add("--no-optional");
        }

        if (parameters.NoBinLinks)
        {
            arguments.Add("--no-bin-links");
        }

        return arguments;
    }

    private static async Task RunAsync(ModuleContext context, NpmParams parameters, string verb, CancellationToken ct)
    {
        var arguments = Arguments(parameters, verb);
        var command = new CommandSpec(arguments[0], [.. arguments.Skip(1)]) { WorkingDirectory = parameters.Path, Timeout = TimeSpan.FromMinutes(30) };
        await HostCommand.RunAsync(context, command, ct);
    }

    private static string? NameVersion(NpmParams parameters) =>
        parameters.Name is null ? null : parameters.Version is { } version && parameters.State != "absent" ? $"{parameters.Name}@{version}" : parameters.Name;

    private static IReadOnlyList<string> Npm(NpmParams parameters) =>
        parameters.Executable is { } executable ? executable.Split(' ', StringSplitOptions.RemoveEmptyEntries) : ["npm"];

    private static NpmListingFact FactOf(NpmParams parameters) => new(Npm(parameters), parameters.Path, parameters.Global, parameters.State == "latest");
}
