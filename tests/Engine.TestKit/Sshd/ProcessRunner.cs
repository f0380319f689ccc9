using System.Text;
using CliWrap;
using CliWrap.Buffered;

namespace Converge.TestKit.Sshd;

/// <summary>Runs setup tools (ssh-keygen, useradd, ...) and fails loudly with their output when they fail.</summary>
internal static class ProcessRunner
{
    public static async Task<string> RunAsync(string program, IEnumerable<string> arguments, string? stdin = null, bool check = true)
    {
        var result = await Cli.Wrap(program)
            .WithArguments(arguments)
            .WithStandardInputPipe(stdin is null ? PipeSource.Null : PipeSource.FromString(stdin))
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(Encoding.UTF8);
        if (check && result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed (exit {result.ExitCode}): {result.StandardError}{result.StandardOutput}");
        }

        return result.StandardOutput;
    }
}
