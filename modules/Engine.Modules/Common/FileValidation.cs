using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Modules;
using Converge.Modules.Command;

namespace Converge.Modules.Common;

/// <summary>
/// Ansible's <c>validate</c> for file-writing modules: the new content goes to a temporary file beside the
/// target, the command runs with <c>%s</c> replaced by that file's path (split into words like <c>command</c>,
/// no shell, as Ansible's run_command does), and the temporary file is removed whatever the outcome.
/// </summary>
public static class FileValidation
{
    /// <summary>Whether a validate command can be used: it names the file with <c>%s</c> and splits into words.</summary>
    public static bool IsValid(string? command) =>
        command is not null && command.Contains("%s", StringComparison.Ordinal) && CommandLineWords.TrySplit(command, out var words, out _) && words.Count > 0;

    public const string Message = "validate must be a command that names the file to check as %s, e.g. 'visudo -cf %s'";

    public static async Task RunAsync(ModuleContext context, FileSpec spec, string validate, CancellationToken ct)
    {
        var directory = spec.Path[..(spec.Path.LastIndexOf('/') + 1)];
        var temporary = $"{directory}.{spec.Path[directory.Length..]}.converge-validate-{Guid.NewGuid():N}";
        var options = FileWriteOptions.Default with { Mode = 0b110_000_000 };
        try
        {
            if (spec.Content?.LocalPath is { } local)
            {
                await context.Connection.UploadAsync(local, temporary, options, ct);
            }
            else
            {
                await context.Connection.WriteFileAsync(temporary, spec.Content?.Bytes ?? [], options, ct);
            }

            var words = CommandLineWords.Split(validate).Select(w => w.Replace("%s", temporary, StringComparison.Ordinal)).ToList();
            var command = new CommandSpec(words[0], [.. words.Skip(1)]);
            var result = await context.Connection.RunAsync(command, ct);
            if (!result.Succeeded)
            {
                throw new TaskFailedException(
                    $"{spec.Path} not changed: the new content failed validation (`{command.CommandLine}`, exit code {result.ExitCode}): {result.StderrTail(3)}",
                    command.CommandLine, result.ExitCode, result.StderrTail()) { Output = new Dictionary<string, object?> { ["stdout"] = result.Stdout, ["stderr"] = result.Stderr } };
            }
        }
        finally
        {
            await context.Connection.RunAsync(CommandSpec.Change("rm", "-f", "--", temporary), ct);
        }
    }
}
