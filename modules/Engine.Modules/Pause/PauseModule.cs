using System.Diagnostics;
using Converge.Core.Modules;
using FluentValidation;

namespace Converge.Modules.Pause;

/// <summary>
/// <c>pause</c>: waits on the controller, in check mode too (as Ansible does); never touches the host. A prompt
/// without a duration waits for Enter only when the run has a terminal; otherwise it goes on at once, as
/// Ansible does when stdin is not interactive. Each host of the play pauses at the same time.
/// </summary>
public sealed class PauseModule : Module<PauseParams>
{
    public override string Name => "pause";

    protected override IValidator<PauseParams> ParamsValidator => ParamsValidators.Of<PauseParamsValidator>();

    public override async Task<Plan> CheckAsync(ModuleContext context, PauseParams parameters, CancellationToken ct)
    {
        var start = DateTime.Now;
        var clock = Stopwatch.StartNew();
        var duration = parameters.Minutes is { } minutes ? TimeSpan.FromMinutes(minutes) : parameters.Seconds is { } seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
        var input = string.Empty;
        string reason;
        if (duration is { } wait)
        {
            context.Log($"pause: {parameters.Prompt ?? "waiting"} ({wait.TotalSeconds:0} s)");
            await Task.Delay(wait, ct);
            reason = $"paused for {wait.TotalSeconds:0} s";
        }
        else if (!Console.IsInputRedirected && !Console.IsOutputRedirected)
        {
            Console.Write($"[{context.Host}] {parameters.Prompt ?? "Press enter to continue, Ctrl+C to interrupt"}: ");
            input = await Task.Run(() => ReadLine(parameters.Echo), ct) ?? string.Empty;
            reason = "continued at the prompt";
        }
        else
        {
            reason = "not waiting at the prompt: the run has no terminal";
        }

        return Plan.InSync(reason) with
        {
            Output = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["start"] = start.ToString("yyyy-MM-dd HH:mm:ss.ffffff", System.Globalization.CultureInfo.InvariantCulture),
                ["stop"] = DateTime.Now.ToString("yyyy-MM-dd HH:mm:ss.ffffff", System.Globalization.CultureInfo.InvariantCulture),
                ["delta"] = (long)clock.Elapsed.TotalSeconds,
                ["user_input"] = input,
                ["echo"] = parameters.Echo,
                ["stdout"] = reason,
            },
        };
    }

    public override Task<ApplyResult> ApplyAsync(ModuleContext context, PauseParams parameters, Plan plan, CancellationToken ct) =>
        throw new InvalidOperationException("pause never plans a change, so it is never applied");

    private static string? ReadLine(bool echo)
    {
        if (echo)
        {
            return Console.ReadLine();
        }

        var text = new System.Text.StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            text.Append(key.KeyChar);
        }

        Console.WriteLine();
        return text.ToString();
    }
}
