using System.Globalization;
using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Facts;
using Converge.Core.Modules;
using Converge.Modules.Accounts;
using Converge.Modules.Common;
using FluentValidation;

namespace Converge.Modules.Group;

/// <summary><c>group</c>: a local group present (with its gid) or absent. One probe reads the group file.</summary>
public sealed class GroupModule(AccountLayout layout) : Module<GroupParams>
{
    public GroupModule()
        : this(AccountLayout.Default)
    {
    }

    public override string Name => "group";

    protected override IValidator<GroupParams> ParamsValidator => ParamsValidators.Of<GroupParamsValidator>();

    public override IReadOnlyList<IFact> FactsOf(GroupParams parameters) => [new AccountFact(parameters.Name, layout)];

    public override async Task<Plan> CheckAsync(ModuleContext context, GroupParams parameters, CancellationToken ct)
    {
        var entries = await context.Facts.GetAsync(new AccountFact(parameters.Name, layout), ct);
        var group = entries.Group(parameters.Name);
        var subject = $"group {parameters.Name}";
        var changes = new List<Change>();
        if (parameters.State == "absent")
        {
            if (group is not null)
            {
                changes.Add(new Change($"{subject}: state", "present", "absent"));
            }
        }
        else if (group is null)
        {
            changes.Add(new Change($"{subject}: state", "absent", "present"));
        }
        else if (parameters.Gid is { } gid && group.Gid != gid.ToString(CultureInfo.InvariantCulture))
        {
            changes.Add(new Change($"{subject}: gid", group.Gid, gid.ToString(CultureInfo.InvariantCulture)));
        }

        var output = Output(parameters, group);
        return changes.Count == 0
            ? Plan.InSync(group is null ? $"{subject} does not exist" : $"{subject} exists with gid {group.Gid}") with { Output = output }
            : Plan.Drift(changes) with { Output = output, State = group };
    }

    public override async Task<ApplyResult> ApplyAsync(ModuleContext context, GroupParams parameters, Plan plan, CancellationToken ct)
    {
        var existing = plan.State as AccountGroup;
        var arguments = new List<string>(layout.PrefixArguments);
        string program;
        if (parameters.State == "absent")
        {
            program = "groupdel";
            if (parameters.Force)
            {
                arguments.Add("--force");
            }
        }
        else
        {
            program = existing is null ? "groupadd" : "groupmod";
            if (parameters.Gid is { } gid)
            {
                arguments.AddRange(["--gid", gid.ToString(CultureInfo.InvariantCulture)]);
                if (parameters.NonUnique)
                {
                    arguments.Add("--non-unique");
                }
            }

            if (existing is null && parameters.System)
            {
                arguments.Add("--system");
            }
        }

        arguments.Add(parameters.Name);
        try
        {
            await HostCommand.RunAsync(context, new CommandSpec(program, arguments), ct);
        }
        finally
        {
            context.Facts.Invalidate<AccountFact>();
        }

        var group = (await context.Facts.GetAsync(new AccountFact(parameters.Name, layout), ct)).Group(parameters.Name);
        if (parameters.State == "present" && group is null)
        {
            throw new TaskFailedException($"group {parameters.Name}: {program} succeeded but the group is not in {layout.PathOf("/etc/group")}");
        }

        return ApplyResult.Done($"group {parameters.Name}: {plan.Reason}") with { Output = Output(parameters, group) };
    }

    /// <summary>Ansible's return values: name, state, gid, system.</summary>
    private static IReadOnlyDictionary<string, object?> Output(GroupParams parameters, AccountGroup? group)
    {
        var output = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["name"] = parameters.Name,
            ["state"] = parameters.State,
            ["system"] = parameters.System,
        };
        if (group is not null && long.TryParse(group.Gid, CultureInfo.InvariantCulture, out var gid))
        {
            output["gid"] = gid;
        }

        return output;
    }
}
