using System.Diagnostics;
using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Facts;
using Converge.Core.Modules;
using FluentValidation;

namespace Converge.Modules.WaitForConnection;

/// <summary>
/// <c>wait_for_connection</c>: after <c>delay</c>, runs <c>echo pong</c> through the host's connection every
/// <c>sleep</c> seconds, each attempt bounded by <c>connect_timeout</c>, until it answers or <c>timeout</c> passes.
/// It must ask the host each time, so it declares no facts (not batched) and, as Ansible's, never reports a change.
/// </summary>
public sealed class WaitForConnectionModule : Module<WaitForConnectionParams>
{
    private static readonly CommandSpec Pong = CommandSpec.Probe("echo", "pong");

    public override string Name => "wait_for_connection";

    protected override IValidator<WaitForConnectionParams> ParamsValidator => ParamsValidators.Of<WaitForConnectionParamsValidator>();

    public override IReadOnlyList<IFact> FactsOf(WaitForConnectionParams parameters) => [];

    public override async Task<Plan> CheckAsync(ModuleContext context, WaitForConnectionParams parameters, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(parameters.Delay), ct);
        var deadline = TimeSpan.FromSeconds(parameters.Delay + parameters.Timeout);
        var last = "no attempt";
        while (true)
        {
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(ct);
            attempt.CancelAfter(TimeSpan.FromSeconds(parameters.ConnectTimeout));
            try
            {
                var result = await context.Connection.RunAsync(Pong, attempt.Token);
                if (result.Succeeded && result.Stdout.Trim() == "pong")
                {
                    var elapsed = (int)clock.Elapsed.TotalSeconds;
                    return Plan.InSync($"the host answered after {elapsed} s") with { Output = new Dictionary<string, object?>(StringComparer.Ordinal) { ["elapsed"] = elapsed } };
                }

                last = $"`echo pong` exited {result.ExitCode}: {result.StderrTail(1)}";
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                last = $"no answer within connect_timeout ({parameters.ConnectTimeout} s)";
            }
            catch (ConvergeException e)
            {
                last = e.Message;
            }

            if (clock.Elapsed + TimeSpan.FromSeconds(parameters.Sleep) > deadline)
            {
                throw new TaskFailedException($"wait_for_connection: timed out waiting for the connection after {parameters.Timeout} s (last attempt: {last})");
            }

            await Task.Delay(TimeSpan.FromSeconds(parameters.Sleep), ct);
        }
    }

    public override Task<ApplyResult> ApplyAsync(ModuleContext context, WaitForConnectionParams parameters, Plan plan, CancellationToken ct) =>
        throw new InvalidOperationException("wait_for_connection never plans a change, so it is never applied");
}
