using System.Text;
using Converge.Core.Diagnostics;

namespace Converge.Core.Connections.Ssh;

public sealed partial class SshConnection
{
    public async Task<FileStat?> StatAsync(string path, Become? become, CancellationToken ct)
    {
        var result = await RunAsync(StatCommand.For(path) with { Become = become }, ct);
        return StatCommand.Parse(path, result);
    }

    public async Task<byte[]?> ReadFileAsync(string path, Become? become, CancellationToken ct)
    {
        var invocation = RemoteInvocation.For(RemoteFileScripts.Read(path), become, _settings.User, $"read {path}");
        var output = await ExecuteAsync(invocation, 0, null, null, false, ct);
        return Finish(invocation, output) ? output.Stdout : null;
    }

    public async Task DownloadAsync(string remotePath, string localPath, Become? become, CancellationToken ct)
    {
        var invocation = RemoteInvocation.For(RemoteFileScripts.Read(remotePath), become, _settings.User, $"download {remotePath}");
        var directory = Path.GetDirectoryName(Path.GetFullPath(localPath))!;
        var temp = Path.Combine(directory, $".{Path.GetFileName(localPath)}.converge-{Guid.NewGuid():N}");
        try
        {
            ChannelOutput output;
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                output = await ExecuteAsync(invocation, 0, null, file, false, ct);
            }

            if (!Finish(invocation, output))
            {
                throw new TaskFailedException($"download {remotePath} from {Host}: no such file", invocation.What, output.ExitCode);
            }

            File.Move(temp, localPath, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    public Task WriteFileAsync(string path, ReadOnlyMemory<byte> content, FileWriteOptions options, CancellationToken ct) =>
        TransferAsync(path, content.Length, options, (input, token) => input.WriteAsync(content, token).AsTask(), $"write {path}", ct);

    public async Task UploadAsync(string localPath, string remotePath, FileWriteOptions options, CancellationToken ct)
    {
        await using var source = new FileStream(localPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous);
        await TransferAsync(remotePath, source.Length, options, (input, token) => source.CopyToAsync(input, 1 << 16, token), $"upload {localPath} to {remotePath}", ct);
    }

    private async Task TransferAsync(string path, long size, FileWriteOptions options, Func<Stream, CancellationToken, Task> writeContent, string what, CancellationToken ct)
    {
        // Without become the script reads its content straight from the shell's standard input: it reads exactly its
        // size and the end line, and exits 0 only then, so the shell stays in step or (on failure) is retired.
        var script = RemoteFileScripts.Write(path, size, options, Guid.NewGuid().ToString("N"), DateTime.UtcNow);
        var invocation = RemoteInvocation.For(script, options.Become, _settings.User, what);
        var end = RemoteFileScripts.EndOfContent;
        var output = await ExecuteAsync(
            invocation,
            size + end.Length,
            async (input, token) =>
            {
                // A source that grew since its length was taken is cut at that length, as before the end line existed.
                await writeContent(new ExactLengthStream(input, size), token);
                await input.WriteAsync(end, token);
            },
            null,
            invocation.Become is null,
            ct);
        var stderr = invocation.FinishStderr(output.Stderr, output.ExitCode, _options.Redactor);
        if (output.ExitCode != 0)
        {
            throw Failed(invocation, output, stderr);
        }
    }

    /// <summary>True when the file was read; false when it does not exist; throws when it cannot be read.</summary>
    private bool Finish(RemoteInvocation invocation, ChannelOutput output)
    {
        var stderr = invocation.FinishStderr(output.Stderr, output.ExitCode, _options.Redactor);
        return output.ExitCode switch
        {
            0 => true,
            RemoteFileScripts.Missing when stderr.Length == 0 => false,
            _ => throw Failed(invocation, output, stderr),
        };
    }

    private TaskFailedException Failed(RemoteInvocation invocation, ChannelOutput output, string stderr)
    {
        var tail = new CommandResult(output.ExitCode, output.Signal, string.Empty, stderr).StderrTail();
        var message = new StringBuilder($"{invocation.What} on {Host} failed");
        message.Append(output.ExitCode is { } code ? $" (exit {code})" : $" (signal {output.Signal})");
        if (tail.Length > 0)
        {
            message.Append(": ").Append(tail.Trim());
        }

        return new TaskFailedException(_options.Redactor.Redact(message.ToString()), _options.Redactor.Redact(invocation.What), output.ExitCode, _options.Redactor.Redact(tail));
    }
}
