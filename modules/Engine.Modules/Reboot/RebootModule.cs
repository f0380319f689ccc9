using System.Diagnostics;
using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Modules;
using FluentValidation;

namespace Converge.Modules.Reboot;

/// <summary>
/// <c>reboot</c>: records the boot id, issues the reboot in the background (so the command returns before
/// the connection goes), waits for the connection to drop, reconnects with backoff until the boot id
/// differs, then runs the test command. A boot id probe that fails to run is an error, never "same boot".
/// The check cannot know anything short of rebooting, so it always says "would reboot".
/// </summary>
public sealed class RebootModule : Module<RebootParams>
{
    /// <summary>
    /// nohup and the background job detach the reboot from the session, so the sshd that dies with it does
    /// not take the command's exit status with it; the sleep lets this command return first. The reboot needs
    /// this separate process: the host's persistent shell, and the connection under it, die with the reboot,
    /// and the module reconnects afterwards (a new connection brings a new shell).
    /// </summary>
    private const string IssueScript =
        "PATH=\"$2:$PATH\"; export PATH; if [ -n \"$3\" ] && command -v wall >/dev/null 2>&1; then wall \"$3\" >/dev/null 2>&1 </dev/null || :; fi; "
        + "nohup /bin/sh -c 'sleep 1; eval \"$1\"' converge-reboot-now \"$1\" >/dev/null 2>&1 </dev/null &";

    public override string Name => "reboot";

    protected override IValidator<RebootParams> ParamsValidator => ParamsValidators.Of<RebootParamsValidator>();

    public override Task<Plan> CheckAsync(ModuleContext context, RebootParams parameters, CancellationToken ct) =>
        Task.FromResult(Plan.Drift(new Change("host", "running", "rebooted"), "would reboot"));

    public override async Task<ApplyResult> ApplyAsync(ModuleContext context, RebootParams parameters, Plan plan, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var timeout = TimeSpan.FromSeconds(parameters.RebootTimeout);
        var before = await BootIdAsync(context, parameters, ct);
        if (parameters.PreRebootDelay > 0)
        {
            await Task.Delay(TimeSpan.FromSeconds(parameters.PreRebootDelay), ct);
        }

        var issue = new CommandSpec("/bin/sh", ["-c", IssueScript, "converge-reboot", parameters.RebootCommand, string.Join(':', parameters.SearchPaths), parameters.Msg]) { Timeout = TimeSpan.FromSeconds(parameters.ConnectTimeout) };
        var dropped = false;
        try
        {
            var result = await context.Connection.RunAsync(issue, ct);
            if (!result.Succeeded)
            {
                throw new TaskFailedException($"the reboot command could not be started: {result.StderrTail(3)}", issue.CommandLine, result.ExitCode, result.StderrTail());
            }
        }
        catch (HostUnreachableException)
        {
            // The host went down before the command's status came back: that is the reboot working.
            dropped = true;
        }

        var after = await WaitForNewBootAsync(context, parameters, before, clock, timeout, dropped, ct);
        if (parameters.PostRebootDelay > 0)
        {
            await Task.Delay(TimeSpan.FromSeconds(parameters.PostRebootDelay), ct);
        }

        await TestAsync(context, parameters, clock, timeout, ct);
        return new ApplyResult($"rebooted in {clock.Elapsed.TotalSeconds:0.#} s (boot id {before} → {after})")
        {
            Output = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["rebooted"] = true,
                ["elapsed"] = (long)clock.Elapsed.TotalSeconds,
                ["boot_id_before"] = before,
                ["boot_id_after"] = after,
            },
        };
    }

    private static async Task<string> WaitForNewBootAsync(ModuleContext context, RebootParams parameters, string before, Stopwatch clock, TimeSpan timeout, bool dropped, CancellationToken ct)
    {
        var delay = TimeSpan.FromMilliseconds(500);
        while (true)
        {
            var left = timeout - clock.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                throw new TaskFailedException(dropped
                    ? $"the host came back within {parameters.RebootTimeout} s, but its boot id is still {before}: it did not reboot"
                    : $"the host did not reboot within {parameters.RebootTimeout} s: the connection never dropped and the boot id is still {before}");
            }

            await Task.Delay(delay < left ? delay : left, ct);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            try
            {
                var current = await BootIdAsync(context, parameters, ct);
                if (current != before)
                {
                    return current;
                }
            }
            catch (HostUnreachableException)
            {
                dropped = true;
                context.Log($"reboot: the connection dropped; reconnecting for up to {(timeout - clock.Elapsed).TotalSeconds:0} s");
                var remaining = timeout - clock.Elapsed;
                await context.Connection.ReconnectAsync(remaining > TimeSpan.Zero ? remaining : TimeSpan.FromSeconds(1), ct);
            }
        }
    }

    private static async Task<string> BootIdAsync(ModuleContext context, RebootParams parameters, CancellationToken ct)
    {
        var probe = CommandSpec.Probe("/bin/sh", "-c", parameters.BootIdCommand) with { Timeout = TimeSpan.FromSeconds(parameters.ConnectTimeout) };
        var result = await context.Connection.RunAsync(probe, ct);
        var id = result.Stdout.Trim();
        if (!result.Succeeded || id.Length == 0)
        {
            throw new TaskFailedException($"cannot read the boot id with `{parameters.BootIdCommand}`: {result.StderrTail(2)}", probe.CommandLine, result.ExitCode, result.StderrTail());
        }

        return id;
    }

    private static async Task TestAsync(ModuleContext context, RebootParams parameters, Stopwatch clock, TimeSpan timeout, CancellationToken ct)
    {
        var test = new CommandSpec("/bin/sh", ["-c", parameters.TestCommand]) { Kind = CommandKind.Probe, Timeout = TimeSpan.FromSeconds(parameters.ConnectTimeout) };
        while (true)
        {
            var result = await context.Connection.RunAsync(test, ct);
            if (result.Succeeded)
            {
                return;
            }

            if (clock.Elapsed + TimeSpan.FromSeconds(1) >= timeout)
            {
                throw new TaskFailedException($"the host rebooted, but test_command did not succeed within {parameters.RebootTimeout} s", test.CommandLine, result.ExitCode, result.StderrTail());
            }

            await Task.Delay(TimeSpan.FromSeconds(1), ct);
        }
    }
}
