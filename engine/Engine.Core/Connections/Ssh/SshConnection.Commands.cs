using System.Globalization;
using System.Text;
using Converge.Core.Diagnostics;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Converge.Core.Connections.Ssh;

public sealed partial class SshConnection
{
    public async Task<CommandResult> RunAsync(CommandSpec command, CancellationToken ct)
    {
        var line = RemoteShell.Line(command);
        if (command.Timeout is { } limit)
        {
            // The shell runs one request at a time, so the limit is enforced on the host: timeout(1) sends TERM,
            // then KILL 5 s later, and exits 124 (or dies by KILL) when the limit was hit.
            line = string.Create(CultureInfo.InvariantCulture, $"timeout -k 5 {limit.TotalSeconds:0.###} /bin/sh -c {ShellQuote.Quote(line)}");
        }

        var invocation = RemoteInvocation.For(line, command.Become, _settings.User, command.CommandLine);
        var input = string.IsNullOrEmpty(command.StandardInput) ? [] : Encoding.UTF8.GetBytes(command.StandardInput);
        var output = await ExecuteAsync(invocation, input.Length, (stream, token) => stream.WriteAsync(input, token).AsTask(), null, false, ct);
        var stderr = invocation.FinishStderr(output.Stderr, output.ExitCode, _options.Redactor);
        var stdout = Encoding.UTF8.GetString(output.Stdout);
        var timedOut = command.Timeout is not null && (output.ExitCode == 124 || output.Signal == "KILL");
        return timedOut
            ? new CommandResult(null, output.Signal ?? "TERM", stdout, stderr + $"\ntimed out after {command.Timeout}")
            : new CommandResult(output.ExitCode, output.Signal, stdout, stderr);
    }

    /// <summary>
    /// Runs the probes as one script per distinct become (usually one), i.e. one channel round trip,
    /// framed as <see cref="ProbeBatch"/> describes. Probes with their own input or timeout run alone.
    /// </summary>
    public async Task<IReadOnlyList<CommandResult>> RunProbesAsync(IReadOnlyList<CommandSpec> probes, CancellationToken ct)
    {
        var results = new CommandResult[probes.Count];
        var alone = Enumerable.Range(0, probes.Count).Where(i => probes[i].StandardInput is not null || probes[i].Timeout is not null).ToList();
        var batches = Enumerable.Range(0, probes.Count).Except(alone).GroupBy(i => probes[i].Become);
        var work = new List<Task>(alone.Select(async i => results[i] = await RunAsync(probes[i], ct)));
        work.AddRange(batches.Select(async group =>
        {
            var indexes = group.ToList();
            var batchResults = await RunBatchAsync([.. indexes.Select(i => probes[i])], group.Key, ct);
            for (var k = 0; k < indexes.Count; k++)
            {
                results[indexes[k]] = batchResults[k];
            }
        }));
        await Task.WhenAll(work);
        return results;
    }

    private async Task<IReadOnlyList<CommandResult>> RunBatchAsync(IReadOnlyList<CommandSpec> probes, Become? become, CancellationToken ct)
    {
        if (probes.Count == 1)
        {
            return [await RunAsync(probes[0], ct)];
        }

        var batch = ProbeBatch.Create(probes);
        var what = $"{probes.Count} probes ({string.Join("; ", probes.Select(p => p.CommandLine))})";
        var invocation = RemoteInvocation.For(batch.Script, become, _settings.User, what);
        var output = await ExecuteAsync(invocation, 0, null, null, false, ct);
        var stderr = invocation.FinishStderr(output.Stderr, output.ExitCode, _options.Redactor);
        return batch.Parse(Encoding.UTF8.GetString(output.Stdout), stderr)
            ?? throw new TaskFailedException(
                _options.Redactor.Redact($"the probe batch on {Host} ended early (exit {output.ExitCode?.ToString() ?? output.Signal})"),
                _options.Redactor.Redact(what),
                output.ExitCode,
                _options.Redactor.Redact(new CommandResult(output.ExitCode, null, string.Empty, stderr).StderrTail()));
    }

    /// <summary>
    /// Runs one script on one of the host's persistent shells: the become prefix and then <paramref name="inputLength"/>
    /// bytes from <paramref name="writeInput"/> are its standard input (which then ends, so a command that reads input
    /// never waits for more); standard output is streamed to <paramref name="stdoutSink"/> when given. With
    /// <paramref name="directInput"/> (a file write without become) the script reads its input from the shell's own
    /// standard input (<see cref="PersistentShellScript"/>); a failing one retires the shell, and the next request
    /// takes a new one.
    /// </summary>
    private async Task<ChannelOutput> ExecuteAsync(
        RemoteInvocation invocation,
        long inputLength,
        Func<Stream, CancellationToken, Task>? writeInput,
        Stream? stdoutSink,
        bool directInput,
        CancellationToken ct)
    {
        var client = await ClientAsync(ct);
        var prefix = invocation.StandardInputPrefix;
        Func<Stream, CancellationToken, Task>? input = prefix.Length == 0 && inputLength == 0 ? null : async (stream, token) =>
        {
            await stream.WriteAsync(prefix, token);
            if (writeInput is not null && inputLength > 0)
            {
                await writeInput(stream, token);
            }
        };
        // A request without input may ride in a new shell's exec request (TakeShellAsync checks it for secrets then).
        var first = input is null && stdoutSink is null && invocation.Text.Length is > 0 and <= PersistentShellScript.FirstScriptLimit ? invocation.Text : null;
        var (shell, started) = await TakeShellAsync(client, first, ct);
        try
        {
            return started
                ? await shell.FirstAsync(ct)
                : await shell.RunAsync(invocation.Text, prefix.Length + inputLength, input, stdoutSink, directInput && invocation.Marker is null && client.DirectInput, ct);
        }
        catch (PersistentShellEndedException e) when (e.ConnectionLost || !client.IsConnected)
        {
            throw Lost(invocation, e);
        }
        catch (PersistentShellEndedException e)
        {
            throw new TaskFailedException(
                _options.Redactor.Redact($"the remote shell on {Host} ended while running `{invocation.What}` ({e.Message}); the outcome on the host is unknown, and the next command starts a new shell"),
                _options.Redactor.Redact(invocation.What));
        }
        catch (InvalidDataException e)
        {
            throw new TaskFailedException(_options.Redactor.Redact($"{invocation.What} on {Host} failed: {e.Message}"), _options.Redactor.Redact(invocation.What));
        }
        finally
        {
            ReturnShell(shell);
        }
    }

    private HostUnreachableException Lost(RemoteInvocation invocation, Exception? cause)
    {
        var detail = cause is null ? "the connection closed" : cause.Message;
        return new HostUnreachableException(
            Host,
            _options.Redactor.Redact($"connection to {Endpoint} lost while running `{invocation.What}` ({detail}); the command's outcome on the host is unknown"),
            cause);
    }
}
