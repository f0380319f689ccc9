using System.Text;
using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Diffs;
using Converge.Core.Facts;
using Converge.Core.Modules;
using Converge.Modules.Common;
using FluentValidation;

namespace Converge.Modules.Cron;

/// <summary>
/// <c>cron</c>: a named job or variable in a user's crontab (read with <c>crontab -l</c>, installed with
/// <c>crontab -</c>) or in a cron.d file (written atomically; removed when its last job goes, as Ansible
/// does). The edit is <see cref="CronTable"/>, Ansible's own algorithm, so both write the same table.
/// </summary>
public sealed class CronModule : Module<CronParams>
{
    public override string Name => "cron";

    protected override IValidator<CronParams> ParamsValidator => ParamsValidators.Of<CronParamsValidator>();

    /// <summary>The cron.d path: relative names live under /etc/cron.d, as in Ansible.</summary>
    public static string? FileOf(CronParams parameters) =>
        parameters.CronFile is null ? null : parameters.CronFile.StartsWith('/') ? parameters.CronFile : "/etc/cron.d/" + parameters.CronFile;

    public override IReadOnlyList<IFact> FactsOf(CronParams parameters) =>
        FileOf(parameters) is { } file ? [new FileTextFact(file)] : [new CrontabFact(parameters.User)];

    public override async Task<Plan> CheckAsync(ModuleContext context, CronParams parameters, CancellationToken ct)
    {
        var file = FileOf(parameters);
        var table = file is null ? CronTable.FromCrontab(await ReadCrontabAsync(context, parameters, ct)) : CronTable.FromFile(await ReadFileAsync(context, file, ct));
        var changed = table.Apply(parameters, file is not null);
        var where = file ?? (parameters.User is null ? "crontab" : $"crontab for user \"{parameters.User}\"");
        var output = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["jobs"] = table.JobNames(),
            ["envs"] = table.EnvNames(),
        };
        if (parameters.CronFile is not null)
        {
            output["cron_file"] = parameters.CronFile;
        }

        var what = parameters.Env ? $"variable {parameters.Name}" : $"job {parameters.Name}";
        if (!changed)
        {
            return Plan.InSync($"{where}: {what} {(parameters.State == "present" ? "is as desired" : "is absent")}") with { Output = output };
        }

        var remove = file is not null && parameters.State == "absent" && table.IsEmpty;
        var after = remove ? null : table.Render();
        var change = new Change($"{where}: {what}", parameters.State == "present" ? Describe(table.Existing, parameters) : "present", parameters.State)
        {
            Diff = UnifiedDiff.Create(table.Existing, after ?? string.Empty, "before: " + where, "after: " + (remove ? "/dev/null" : where)),
        };
        return Plan.Drift(change) with { State = new CronWork(file, after, table.Existing), Output = output };
    }

    public override async Task<ApplyResult> ApplyAsync(ModuleContext context, CronParams parameters, Plan plan, CancellationToken ct)
    {
        var work = plan.State as CronWork ?? throw new TaskFailedException("cron: apply was given a plan this module did not make");
        var output = new Dictionary<string, object?>(plan.Output, StringComparer.Ordinal);
        try
        {
            if (parameters.Backup && work.File is null)
            {
                var backup = $"/tmp/crontab.converge-{DateTime.UtcNow:yyyyMMddHHmmss}~";
                await context.Connection.WriteFileAsync(backup, Encoding.UTF8.GetBytes(work.Before), new FileWriteOptions { Mode = 0b110_000_000 }, ct);
                output["backup_file"] = backup;
            }

            if (work.File is { } file && work.After is null)
            {
                await HostCommand.RunAsync(context, CommandSpec.Change("rm", "-f", "--", file), ct);
            }
            else if (work.File is { } path)
            {
                // Ansible writes cron.d files under umask 022: 0644 for a new file; an existing one keeps its mode.
                var exists = await context.Connection.StatAsync(path, null, ct) is not null;
                await context.Connection.WriteFileAsync(path, Encoding.UTF8.GetBytes(work.After!), new FileWriteOptions { Mode = exists ? null : 0b110_100_100, Backup = parameters.Backup }, ct);
            }
            else
            {
                var install = new CommandSpec("/bin/sh", ["-c", "if [ -n \"$1\" ] && [ \"$(id -un)\" != \"$1\" ]; then set -- -u \"$1\"; else set --; fi; crontab \"$@\" -", "converge-crontab", parameters.User ?? string.Empty])
                {
                    StandardInput = work.After,
                };
                await HostCommand.RunAsync(context, install, ct);
            }
        }
        finally
        {
            context.Facts.Invalidate<CrontabFact>();
            context.Facts.Invalidate<FileTextFact>();
        }

        return new ApplyResult($"{parameters.Name}: {plan.Reason}") { Output = output };
    }

    private static string Describe(string existing, CronParams parameters) =>
        existing.Contains(CronTable.Marker + parameters.Name, StringComparison.Ordinal) || existing.Contains(parameters.Name + "=", StringComparison.Ordinal) ? "different" : "absent";

    /// <summary>The crontab as the task's user sees it: through the batch as the login user, else through become.</summary>
    private static async Task<string> ReadCrontabAsync(ModuleContext context, CronParams parameters, CancellationToken ct)
    {
        var fact = new CrontabFact(parameters.User);
        return context.Become is null ? await context.Facts.GetAsync(fact, ct) : fact.Parse(await context.Connection.RunAsync(fact.Command, ct));
    }

    private static async Task<string?> ReadFileAsync(ModuleContext context, string file, CancellationToken ct)
    {
        var fact = new FileTextFact(file);
        return context.Become is null ? await context.Facts.GetAsync(fact, ct) : fact.Parse(await context.Connection.RunAsync(fact.Command, ct));
    }
}
