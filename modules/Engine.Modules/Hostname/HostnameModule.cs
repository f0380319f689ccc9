using System.Text;
using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Facts;
using Converge.Core.Modules;
using Converge.Modules.Common;
using FluentValidation;

namespace Converge.Modules.Hostname;

/// <summary>
/// <c>hostname</c>: the running name and <c>/etc/hostname</c>, through <c>hostnamectl</c> on systemd hosts and,
/// as Ansible's Debian strategy does elsewhere, by writing the file and running <c>hostname NAME</c>.
/// /etc/hosts is left alone, as in Ansible. Tests point it at their own file and a UTS namespace.
/// </summary>
public sealed class HostnameModule(string hostnameFile, string systemdMarker) : Module<HostnameParams>
{
    public HostnameModule()
        : this("/etc/hostname", "/run/systemd/system")
    {
    }

    public override string Name => "hostname";

    protected override IValidator<HostnameParams> ParamsValidator => ParamsValidators.Of<HostnameParamsValidator>();

    public override IReadOnlyList<IFact> FactsOf(HostnameParams parameters) => [new HostnameFact(hostnameFile, systemdMarker)];

    public override async Task<Plan> CheckAsync(ModuleContext context, HostnameParams parameters, CancellationToken ct)
    {
        var state = await context.Facts.GetAsync(new HostnameFact(hostnameFile, systemdMarker), ct);
        if (parameters.Use == "systemd" && !state.Systemd)
        {
            throw new TaskFailedException("hostname: use is systemd, but this host does not run systemd");
        }

        var changes = new List<Change>();
        if (state.Current != parameters.Name)
        {
            changes.Add(new Change("hostname: current", state.Current, parameters.Name));
        }

        if (state.Permanent != parameters.Name)
        {
            changes.Add(new Change($"hostname: {hostnameFile}", state.Permanent, parameters.Name));
        }

        var output = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["name"] = parameters.Name,
            ["ansible_facts"] = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["ansible_hostname"] = parameters.Name.Split('.')[0],
                ["ansible_nodename"] = parameters.Name,
                ["ansible_fqdn"] = parameters.Name,
                ["ansible_domain"] = parameters.Name.Contains('.', StringComparison.Ordinal) ? parameters.Name[(parameters.Name.IndexOf('.', StringComparison.Ordinal) + 1)..] : string.Empty,
            },
        };
        return changes.Count == 0
            ? Plan.InSync($"the host is named {parameters.Name}") with { Output = output }
            : Plan.Drift(changes) with { State = state, Output = output };
    }

    public override async Task<ApplyResult> ApplyAsync(ModuleContext context, HostnameParams parameters, Plan plan, CancellationToken ct)
    {
        var state = plan.State as HostnameState ?? throw new TaskFailedException("hostname: apply was given a plan this module did not make");
        try
        {
            if (parameters.Use is "systemd" || (parameters.Use is "auto" && state.Systemd))
            {
                await HostCommand.RunAsync(context, CommandSpec.Change("hostnamectl", "set-hostname", "--", parameters.Name), ct);
            }
            else
            {
                if (state.Permanent != parameters.Name)
                {
                    await context.Connection.WriteFileAsync(hostnameFile, Encoding.UTF8.GetBytes(parameters.Name + "\n"), new FileWriteOptions { Mode = state.Permanent is null ? 0b110_100_100 : null }, ct);
                }

                if (state.Current != parameters.Name)
                {
                    await HostCommand.RunAsync(context, CommandSpec.Change("hostname", "--", parameters.Name), ct);
                }
            }
        }
        finally
        {
            context.Facts.Invalidate<HostnameFact>();
        }

        return new ApplyResult($"hostname: {plan.Reason}") { Output = plan.Output };
    }
}
