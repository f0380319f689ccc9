using System.Text;
using Converge.Core.Diagnostics;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Converge.Core.Connections.Ssh;

public sealed partial class SshConnection
{
    public async Task<CommandResult> RunAsync(CommandSpec command, CancellationToken ct)
    {
        var invocation = RemoteInvocation.For(RemoteShell.Line(command), command.Become, _settings.User, command.CommandLine);
        var input = string.IsNullOrEmpty(command.StandardInput) ? null : Encoding.UTF8.GetBytes(command.StandardInput);
        var output = await ExecuteAsync(
            invocation,
            input is null ? null : (stream, token) => stream.WriteAsync(input, token).AsTask(),
            null,
            command.Timeout,
            ct);
        var stderr = invocation.FinishStderr(output.Stderr, output.ExitCode, _options.Redactor);
        var stdout = Encoding.UTF8.GetString(output.Stdout);
        return output.TimedOut
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
        var output = await ExecuteAsync(invocation, null, null, null, ct);
        var stderr = invocation.FinishStderr(output.Stderr, output.ExitCode, _options.Redactor);
        return batch.Parse(Encoding.UTF8.GetString(output.Stdout), stderr)
            ?? throw new TaskFailedException(
                _options.Redactor.Redact($"the probe batch on {Host} ended early (exit {output.ExitCode?.ToString() ?? output.Signal})"),
                _options.Redactor.Redact(what),
                output.ExitCode,
                _options.Redactor.Redact(new CommandResult(output.ExitCode, null, string.Empty, stderr).StderrTail()));
    }

    /// <summary>
    /// Runs one exec channel: starts the command, writes the become prefix and then <paramref name="writeInput"/>
    /// (which must write at least one byte) to its standard input and closes it (so a command that reads input never waits for more), and collects
    /// the output, streaming standard output to <paramref name="stdoutSink"/> when given.
    /// </summary>
    private async Task<ChannelOutput> ExecuteAsync(
        RemoteInvocation invocation,
        Func<Stream, CancellationToken, Task>? writeInput,
        Stream? stdoutSink,
        TimeSpan? timeout,
        CancellationToken ct)
    {
        var client = await ClientAsync(ct);
        Interlocked.Increment(ref _channels);

        // SSH.NET sends end-of-file only after at least one byte of input (ChannelInputStream.Dispose), so a
        // command without input gets /dev/null instead; otherwise `cat` or `read` would wait forever.
        var hasInput = invocation.StandardInputPrefix.Length > 0 || writeInput is not null;
        using var command = client.CreateCommand(hasInput ? invocation.Text : "exec </dev/null; " + invocation.Text);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (timeout is { } t)
        {
            limit.CancelAfter(t);
        }

        var timedOut = false;
        try
        {
            var execution = command.ExecuteAsync(limit.Token);

            // PipeStream reads block until data or the end, so the copy runs on its own pool thread.
            var copy = stdoutSink is null ? Task.CompletedTask : Task.Run(() => command.OutputStream.CopyTo(stdoutSink), CancellationToken.None);
            await WriteInputAsync(client, command, invocation.StandardInputPrefix, writeInput, ct);
            try
            {
                await execution;
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested && limit.IsCancellationRequested)
            {
                timedOut = true;
            }

            await copy;
        }
        catch (Exception e) when (e is SshException or IOException or ObjectDisposedException or InvalidOperationException && !ct.IsCancellationRequested)
        {
            throw Lost(invocation, e);
        }

        if (!timedOut && command.ExitStatus is null && command.ExitSignal is null && !client.IsConnected)
        {
            throw Lost(invocation, null);
        }

        byte[] stdout;
        if (stdoutSink is null)
        {
            using var buffer = new MemoryStream();
            command.OutputStream.CopyTo(buffer);
            stdout = buffer.ToArray();
        }
        else
        {
            stdout = [];
        }

        return new ChannelOutput(command.ExitStatus, command.ExitSignal, stdout, command.Error, timedOut);
    }

    private static async Task WriteInputAsync(SshClient client, SshCommand command, byte[] prefix, Func<Stream, CancellationToken, Task>? writeInput, CancellationToken ct)
    {
        try
        {
            await using var input = command.CreateInputStream();
            if (prefix.Length > 0)
            {
                await input.WriteAsync(prefix, ct);
            }

            if (writeInput is not null)
            {
                await writeInput(input, ct);
            }
        }
        catch (Exception e) when (e is SshException or IOException or ObjectDisposedException or InvalidOperationException && client.IsConnected)
        {
            // The command ended without reading all of its input (e.g. `true` given a file); its exit status says what happened.
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
