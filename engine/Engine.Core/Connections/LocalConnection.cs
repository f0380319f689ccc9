using System.Text;
using CliWrap;
using CliWrap.Buffered;
using Converge.Core.Diagnostics;

namespace Converge.Core.Connections;

/// <summary>
/// The controller itself as a host (<c>ansible_connection: local</c>, or a host named <c>localhost</c>).
/// Processes run through CliWrap; files are written atomically with .NET file APIs.
/// </summary>
public sealed class LocalConnection(string host) : IConnection
{
    private static readonly bool IsRoot = Environment.UserName == "root";

    public string Host => host;

    public Task OpenAsync(CancellationToken ct) => Task.CompletedTask;

    public async Task<CommandResult> RunAsync(CommandSpec command, CancellationToken ct)
    {
        var (program, arguments, stdin, invocation) = Elevate(command);
        var cli = Cli.Wrap(program)
            .WithArguments(arguments)
            .WithValidation(CommandResultValidation.None)
            .WithStandardInputPipe(stdin is null ? PipeSource.Null : PipeSource.FromBytes(stdin));
        if (command.WorkingDirectory is not null)
        {
            cli = cli.WithWorkingDirectory(command.WorkingDirectory);
        }

        if (command.Environment is not null)
        {
            cli = cli.WithEnvironmentVariables(command.Environment.ToDictionary(p => p.Key, p => (string?)p.Value));
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (command.Timeout is { } limit)
        {
            timeout.CancelAfter(limit);
        }

        try
        {
            var result = await ExecuteAsync(cli, timeout.Token);
            var stderr = invocation is null ? result.StandardError : invocation.FinishStderr(result.StandardError, result.ExitCode, new Secrets.Redactor());
            return new CommandResult(result.ExitCode, null, result.StandardOutput, stderr);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            // The program does not exist or cannot be executed: report it as the shell would (127).
            return new CommandResult(127, null, string.Empty, $"{program}: {Cause(e).Message}");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new CommandResult(null, "KILL", string.Empty, $"timed out after {command.Timeout}");
        }
    }

    /// <summary>The operating system's error under CliWrap's: CliWrap wraps the start failure in a message of its own.</summary>
    private static System.ComponentModel.Win32Exception Cause(System.ComponentModel.Win32Exception e) =>
        e.InnerException as System.ComponentModel.Win32Exception ?? e;

    /// <summary>Linux's errno for "text file busy": the program was open for writing when it was executed.</summary>
    private const int TextFileBusy = 26;

    /// <summary>
    /// Runs the process, retrying a start that failed because the program is busy: a script this process just wrote
    /// and closed (<c>script</c>'s upload) can still be open in a child another thread forked meanwhile, until that child
    /// executes its own program (the fork/exec window every multi-threaded process has). It is closed within moments.
    /// </summary>
    private static async Task<BufferedCommandResult> ExecuteAsync(CliWrap.Command cli, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await cli.ExecuteBufferedAsync(Encoding.UTF8, ct);
            }
            catch (System.ComponentModel.Win32Exception e) when (Cause(e).NativeErrorCode == TextFileBusy && attempt < 20)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(5 * attempt), ct);
            }
        }
    }

    public async Task<IReadOnlyList<CommandResult>> RunProbesAsync(IReadOnlyList<CommandSpec> probes, CancellationToken ct)
    {
        var results = new CommandResult[probes.Count];
        for (var i = 0; i < probes.Count; i++)
        {
            results[i] = await RunAsync(probes[i], ct);
        }

        return results;
    }

    public async Task<FileStat?> StatAsync(string path, Become? become, CancellationToken ct)
    {
        var result = await RunAsync(StatCommand.For(path) with { Become = become }, ct);
        return StatCommand.Parse(path, result);
    }

    public async Task<byte[]?> ReadFileAsync(string path, Become? become, CancellationToken ct)
    {
        EnsureDirectAccess(become, $"read {path}");
        if (!File.Exists(path))
        {
            return null;
        }

        return await File.ReadAllBytesAsync(path, ct);
    }

    public Task WriteFileAsync(string path, ReadOnlyMemory<byte> content, FileWriteOptions options, CancellationToken ct) =>
        WriteAsync(path, (stream, token) => stream.WriteAsync(content, token).AsTask(), options, ct);

    /// <summary>Streams the controller file into the temp file, so a large upload is never held in memory.</summary>
    public Task UploadAsync(string localPath, string remotePath, FileWriteOptions options, CancellationToken ct) =>
        WriteAsync(remotePath, async (stream, token) =>
        {
            await using var source = new FileStream(localPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous);
            await source.CopyToAsync(stream, token);
        }, options, ct);

    public Task DownloadAsync(string remotePath, string localPath, Become? become, CancellationToken ct)
    {
        EnsureDirectAccess(become, $"read {remotePath}");
        File.Copy(remotePath, localPath, overwrite: true);
        return Task.CompletedTask;
    }

    public Task ReconnectAsync(TimeSpan timeout, CancellationToken ct) => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>
    /// Runs the command as the become user through sudo, the same way the SSH transport does
    /// (<see cref="Ssh.RemoteInvocation"/>): the password travels on stdin followed by a marker line the
    /// script consumes, so it never reaches the command, whether or not sudo asks for it.
    /// </summary>
    private static (string Program, IReadOnlyList<string> Arguments, byte[]? Stdin, Ssh.RemoteInvocation? Invocation) Elevate(CommandSpec command)
    {
        var input = command.StandardInput is null ? null : Encoding.UTF8.GetBytes(command.StandardInput);
        if (command.Become is null || (IsRoot && command.Become.User == "root") || command.Become.User == Environment.UserName)
        {
            return (command.Program, command.Arguments, input, null);
        }

        var invocation = Ssh.RemoteInvocation.For(command.CommandLine, command.Become, Environment.UserName, command.CommandLine);
        byte[] stdin = [.. invocation.StandardInputPrefix, .. input ?? []];
        return ("/bin/sh", ["-c", invocation.Text], stdin, invocation);
    }

    private static void EnsureDirectAccess(Become? become, string operation)
    {
        if (become is not null && !IsRoot && become.User != Environment.UserName)
        {
            throw new TaskFailedException($"local connection: cannot {operation} as {become.User}; run converge as root or as that user");
        }
    }

    private async Task WriteAsync(string path, Func<Stream, CancellationToken, Task> writeContent, FileWriteOptions options, CancellationToken ct)
    {
        EnsureDirectAccess(options.Become, $"write {path}");
        await AtomicFile.WriteAsync(path, writeContent, options, ChownAsync, ct);
    }

    private async Task ChownAsync(IReadOnlyList<string> arguments, CancellationToken ct)
    {
        var result = await RunAsync(CommandSpec.Change("chown", [.. arguments]), ct);
        if (!result.Succeeded)
        {
            throw new TaskFailedException($"chown {string.Join(' ', arguments)} failed", "chown", result.ExitCode, result.StderrTail());
        }
    }
}
