using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Modules;
using Converge.Modules.Command;
using Converge.Modules.Common;
using FluentValidation;

namespace Converge.Modules.Script;

/// <summary>
/// <c>script</c>: a controller script uploaded into a private temporary directory on the host (mode 0700), run
/// with its arguments, then removed. The check is <c>command</c>'s: exact with <c>creates</c>/<c>removes</c> (read in
/// the host's batch), otherwise "will run". Registered: Ansible's <c>rc</c>, <c>stdout</c>, <c>stderr</c> and their lines.
/// </summary>
public sealed class ScriptModule : GuardedCommandModule<ScriptParams>
{
    public override string Name => "script";

    protected override IValidator<ScriptParams> ParamsValidator => ParamsValidators.Of<ScriptParamsValidator>();

    /// <summary>For the plan and reports: the script line as written (the controller path and arguments).</summary>
    protected override CommandSpec Build(ScriptParams parameters)
    {
        var words = CommandLineWords.Split(parameters.Cmd);
        return CommandSpec.Change(words[0], [.. words.Skip(1)]);
    }

    public override async Task<Plan> CheckAsync(ModuleContext context, ScriptParams parameters, CancellationToken ct)
    {
        _ = Local(context, parameters);
        return await base.CheckAsync(context, parameters, ct);
    }

    public override async Task<ApplyResult> ApplyAsync(ModuleContext context, ScriptParams parameters, Plan plan, CancellationToken ct)
    {
        var local = Local(context, parameters);
        var words = CommandLineWords.Split(parameters.Cmd);
        var directory = (await HostCommand.RunAsync(context, CommandSpec.Change("mktemp", "-d", "-t", "converge-script.XXXXXXXX"), ct)).Stdout.Trim();
        var remote = directory + "/" + Path.GetFileName(local);
        try
        {
            await context.Connection.UploadAsync(local, remote, new FileWriteOptions { Mode = 0b111_000_000 }, ct);
            var command = (parameters.Executable is { } executable
                ? CommandSpec.Change(executable, [remote, .. words.Skip(1)])
                : CommandSpec.Change(remote, [.. words.Skip(1)])) with { WorkingDirectory = parameters.Chdir };
            var result = await context.Connection.RunAsync(command, ct);
            var output = CommandOutput.From(command.CommandLine, result);
            if (!result.Succeeded)
            {
                var how = result.ExitCode is { } code ? $"exit code {code}" : $"signal {result.Signal}";
                throw new TaskFailedException($"script {words[0]} failed ({how})", command.CommandLine, result.ExitCode, result.StderrTail()) { Output = output };
            }

            return new ApplyResult($"ran script {words[0]} (rc 0)") { Output = output };
        }
        finally
        {
            context.Facts.InvalidateAll();
            await context.Connection.RunAsync(CommandSpec.Change("rm", "-rf", "--", directory), ct);
        }
    }

    private static string Local(ModuleContext context, ScriptParams parameters)
    {
        var script = CommandLineWords.Split(parameters.Cmd)[0];
        var local = context.ResolveLocalPath(script, "files");
        return File.Exists(local)
            ? local
            : throw new TaskFailedException($"script '{script}' not found on the controller: looked in {Path.Combine(context.PlaybookDirectory, "files")} and {context.PlaybookDirectory}");
    }
}
