using System.Text;
using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Diffs;
using Converge.Core.Facts;
using Converge.Core.Modules;
using Converge.Modules.Common;
using FluentValidation;

namespace Converge.Modules.KnownHosts;

/// <summary>
/// <c>known_hosts</c>: one host's key in a known_hosts file. Present keeps the file when a line for the host
/// already holds the same key (hashed or not); otherwise, as Ansible does, every line for the host is removed
/// (what <c>ssh-keygen -R</c> does) and the key appended. Absent removes every line for the host.
/// </summary>
public sealed class KnownHostsModule : Module<KnownHostsParams>
{
    public override string Name => "known_hosts";

    protected override IValidator<KnownHostsParams> ParamsValidator => ParamsValidators.Of<KnownHostsParamsValidator>();

    public override IReadOnlyList<IFact> FactsOf(KnownHostsParams parameters) => [new KnownHostsFact(parameters.Path)];

    public override async Task<Plan> CheckAsync(ModuleContext context, KnownHostsParams parameters, CancellationToken ct)
    {
        var file = await context.Facts.GetAsync(new KnownHostsFact(parameters.Path), ct);
        var host = parameters.Name!.ToLowerInvariant();
        var lines = string.IsNullOrEmpty(file.Text) ? new List<string>() : [.. file.Text.TrimEnd('\n').Split('\n')];
        var ofHost = lines.Where(l => KnownHostsLine.Parse(l) is { } line && line.Matches(host)).ToList();
        var output = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["name"] = host,
            ["key"] = parameters.Key,
            ["path"] = file.Path,
            ["hash_host"] = parameters.HashHost,
            ["state"] = parameters.State,
        };
        List<string> edited;
        if (parameters.State == "absent")
        {
            if (ofHost.Count == 0)
            {
                return Plan.InSync($"{file.Path} has no key for {host}") with { Output = output };
            }

            edited = [.. lines.Except(ofHost)];
        }
        else
        {
            var wanted = KnownHostsLine.Parse(parameters.Key!)!;
            var same = ofHost.Any(l => KnownHostsLine.Parse(l) is { } line && line.KeyType == wanted.KeyType && line.Key == wanted.Key
                && (!parameters.HashHost || line.Hosts.StartsWith("|1|", StringComparison.Ordinal)));
            if (same)
            {
                return Plan.InSync($"{file.Path} holds {host}'s {wanted.KeyType} key") with { Output = output };
            }

            edited = [.. lines.Except(ofHost), wanted.Format(host, parameters.HashHost)];
        }

        var text = edited.Count == 0 ? string.Empty : string.Join('\n', edited) + "\n";
        var change = new Change($"{file.Path}: {host}", ofHost.Count == 0 ? null : $"{ofHost.Count} line(s)", parameters.State == "absent" ? null : KnownHostsLine.Parse(parameters.Key!)!.KeyType)
        {
            Diff = UnifiedDiff.Create(file.Text, text, "before: " + file.Path, "after: " + file.Path),
        };
        return Plan.Drift(change) with { State = new KnownHostsWork(file.Path, text, file.Text is null), Output = output };
    }

    public override async Task<ApplyResult> ApplyAsync(ModuleContext context, KnownHostsParams parameters, Plan plan, CancellationToken ct)
    {
        var work = plan.State as KnownHostsWork ?? throw new TaskFailedException("known_hosts: apply was given a plan this module did not make");
        try
        {
            var directory = work.Path[..work.Path.LastIndexOf('/')];
            if (directory.Length > 0)
            {
                await HostCommand.RunAsync(context, CommandSpec.Change("/bin/sh", "-c", "[ -d \"$1\" ] || mkdir -p -m 700 -- \"$1\"", "converge-known-hosts", directory), ct);
            }

            await context.Connection.WriteFileAsync(work.Path, Encoding.UTF8.GetBytes(work.Text), FileWriteOptions.Default with { Mode = work.Create ? 0b110_100_100 : null }, ct);
        }
        finally
        {
            context.Facts.Invalidate<KnownHostsFact>();
        }

        return new ApplyResult(plan.Reason) { Output = plan.Output };
    }
}
