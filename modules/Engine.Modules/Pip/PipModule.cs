using System.Text;
using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Facts;
using Converge.Core.Modules;
using Converge.Modules.Command;
using Converge.Modules.Common;
using FluentValidation;

namespace Converge.Modules.Pip;

/// <summary>
/// <c>pip</c>: Python packages present, at a version, latest or absent, for the host's Python or in a virtualenv it
/// creates. The check lists what pip has installed in the host's probe batch (<see cref="PipPlanner"/>); the apply
/// makes the virtualenv if missing, then runs pip as Ansible's module does (same command, state words, extra args,
/// working directory and umask). pip's own refusals are the task's failure with pip's message: on Debian 12 the
/// system Python is "externally managed" (PEP 668), so outside a virtualenv pip refuses to install, as under Ansible.
/// </summary>
public sealed class PipModule : Module<PipParams>
{
    /// <summary>Runs a command in <c>$1</c> with <c>$2/bin</c> first on PATH and umask <c>$3</c> (when given): pip and the virtualenv command.</summary>
    private const string InDirectory =
        """
        cd "$1" || exit 2
        [ -z "$2" ] || { PATH="$2/bin:$PATH"; export PATH; }
        [ -z "$3" ] || umask "$3"
        shift 3
        exec "$@"
        """;

    public override string Name => "pip";

    protected override IValidator<PipParams> ParamsValidator => ParamsValidators.Of<PipParamsValidator>();

    public override IReadOnlyList<IFact> FactsOf(PipParams parameters) => [FactOf(parameters)];

    public override async Task<Plan> CheckAsync(ModuleContext context, PipParams parameters, CancellationToken ct) =>
        PipPlanner.PlanFor(parameters, await context.Facts.GetAsync(FactOf(parameters), ct));

    public override async Task<ApplyResult> ApplyAsync(ModuleContext context, PipParams parameters, Plan plan, CancellationToken ct)
    {
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var env = VirtualenvOf(parameters);
        var environment = await context.Facts.GetAsync(FactOf(parameters), ct);
        if (environment.VirtualenvExists is false)
        {
            var made = await HostCommand.RunAsync(context, Run(parameters, null, VirtualenvCommand(parameters, env!)), ct);
            stdout.Append(made.Stdout);
            stderr.Append(made.Stderr);
            context.Facts.Invalidate<PipEnvironmentFact>();
            environment = await context.Facts.GetAsync(FactOf(parameters), ct);
        }

        var command = PipCommand(parameters, environment.Pip);
        var result = await context.Connection.RunAsync(Run(parameters, env, command), ct);
        stdout.Append(result.Stdout);
        stderr.Append(result.Stderr);
        var notInstalled = parameters.State == "absent" && result.ExitCode == 1 && (result.Stdout + result.Stderr).Contains("not installed", StringComparison.Ordinal);
        if (!result.Succeeded && !notInstalled)
        {
            // Ansible's _fail: the command, and what pip said (e.g. "error: externally-managed-environment" on Debian 12).
            // pip puts its reason on an "error:" line and explanations after it, so that line leads the message.
            var reason = result.Stderr.Split('\n').FirstOrDefault(l => l.StartsWith("error:", StringComparison.Ordinal)) is { } line ? line + "; " : string.Empty;
            throw new TaskFailedException($"pip: `{string.Join(' ', command)}` failed: {reason}{result.StderrTail(3)}", string.Join(' ', command), result.ExitCode, result.StderrTail());
        }

        context.Facts.Invalidate<PipEnvironmentFact>();
        var output = new Dictionary<string, object?>(plan.Output, StringComparer.Ordinal)
        {
            ["cmd"] = string.Join(' ', command),
            ["stdout"] = stdout.ToString(),
            ["stderr"] = stderr.ToString(),
        };
        return new ApplyResult($"pip: {plan.Reason}") { Output = output };
    }

    /// <summary>The virtualenv's path, joined to <c>chdir</c> when relative (as Ansible's module does).</summary>
    private static string? VirtualenvOf(PipParams parameters) =>
        parameters.Virtualenv is { } env && parameters.Chdir is { } chdir && !env.StartsWith('/') ? $"{chdir.TrimEnd('/')}/{env}" : parameters.Virtualenv;

    private static string ChdirOf(PipParams parameters) => parameters.Chdir ?? "/tmp";

    private static PipEnvironmentFact FactOf(PipParams parameters) => new(VirtualenvOf(parameters), parameters.Executable, ChdirOf(parameters));

    private static CommandSpec Run(PipParams parameters, string? env, IReadOnlyList<string> command) =>
        CommandSpec.Change("/bin/sh", ["-c", InDirectory, "converge-pip", ChdirOf(parameters), env ?? string.Empty, parameters.Umask ?? string.Empty, .. command])
            with { Timeout = TimeSpan.FromMinutes(30), Environment = new Dictionary<string, string> { ["LC_ALL"] = "C.UTF-8" } };

    /// <summary>Ansible's setup_virtualenv: the command's words, <c>--system-site-packages</c>, <c>-pPYTHON</c> unless it is venv/pyvenv, the path.</summary>
    public static IReadOnlyList<string> VirtualenvCommand(PipParams parameters, string env)
    {
        var words = new List<string>(CommandLineWords.Split(parameters.VirtualenvCommand));
        if (parameters.VirtualenvSitePackages)
        {
            words.Add("--system-site-packages");
        }

        if (!parameters.VirtualenvCommand.Contains("-m venv", StringComparison.Ordinal) && !parameters.VirtualenvCommand.Contains("pyvenv", StringComparison.Ordinal))
        {
            words.Add("-p" + (parameters.VirtualenvPython ?? "python3"));
        }

        words.Add(env);
        return words;
    }

    /// <summary>pip, the state's words, extra_args (with <c>-e</c> for editable), then the requirements or <c>-r FILE</c>.</summary>
    public static IReadOnlyList<string> PipCommand(PipParams parameters, IReadOnlyList<string> pip)
    {
        var extra = new List<string>(parameters.ExtraArgs is { } args ? CommandLineWords.Split(args) : []);
        if (parameters.Editable && !extra.Contains("-e"))
        {
            extra.Add("-e");
        }

        IEnumerable<string> what = parameters.Requirements is { } file ? ["-r", file] : PipPlanner.Requirements(parameters).Select(r => r.Text);
        return [.. pip, .. PipPlanner.StateArguments(parameters.State), .. extra, .. what];
    }
}
