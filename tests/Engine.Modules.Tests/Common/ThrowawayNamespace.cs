using System.Diagnostics;
using Converge.Core.Connections;

namespace Converge.Modules.Tests.Common;

/// <summary>
/// A throwaway namespace of one kind (<c>unshare --net sleep</c>, or <c>--uts</c>) and a connection that runs
/// every command in it with <c>nsenter</c>: per-namespace kernel state (<c>net.*</c> parameters, the host
/// name) is then real and changed for real, without touching this machine's. Files still go to the real filesystem.
/// </summary>
public sealed class ThrowawayNamespace : IDisposable
{
    private readonly Process _holder;
    private readonly string _kind;

    /// <summary>A namespace of <paramref name="kind"/>: <c>net</c>, <c>uts</c> or <c>mount</c>.</summary>
    public ThrowawayNamespace(string kind)
    {
        _kind = kind;
        _holder = Process.Start(new ProcessStartInfo("unshare", ["--" + kind, "sleep", "600"]) { RedirectStandardOutput = true })!;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (File.ReadAllText($"/proc/{_holder.Id}/comm").Trim() != "sleep" && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(20);
        }
    }

    /// <summary>The process holding the namespace, for <c>nsenter --target</c> (e.g. to mount something in a mount namespace first).</summary>
    public string Pid => _holder.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public IConnection Wrap(IConnection inner) => new Connection(inner, Pid, _kind);

    public void Dispose()
    {
        _holder.Kill();
        _holder.WaitForExit();
        _holder.Dispose();
    }

    private sealed class Connection(IConnection inner, string pid, string kind) : IConnection
    {
        public string Host => inner.Host;

        public Task OpenAsync(CancellationToken ct) => inner.OpenAsync(ct);

        public Task<CommandResult> RunAsync(CommandSpec command, CancellationToken ct) => inner.RunAsync(Enter(command), ct);

        public Task<IReadOnlyList<CommandResult>> RunProbesAsync(IReadOnlyList<CommandSpec> probes, CancellationToken ct) =>
            inner.RunProbesAsync([.. probes.Select(Enter)], ct);

        public Task<FileStat?> StatAsync(string path, Become? become, CancellationToken ct) => inner.StatAsync(path, become, ct);

        public Task<byte[]?> ReadFileAsync(string path, Become? become, CancellationToken ct) => inner.ReadFileAsync(path, become, ct);

        public Task WriteFileAsync(string path, ReadOnlyMemory<byte> content, FileWriteOptions options, CancellationToken ct) => inner.WriteFileAsync(path, content, options, ct);

        public Task UploadAsync(string localPath, string remotePath, FileWriteOptions options, CancellationToken ct) => inner.UploadAsync(localPath, remotePath, options, ct);

        public Task DownloadAsync(string remotePath, string localPath, Become? become, CancellationToken ct) => inner.DownloadAsync(remotePath, localPath, become, ct);

        public Task ReconnectAsync(TimeSpan timeout, CancellationToken ct) => inner.ReconnectAsync(timeout, ct);

        public ValueTask DisposeAsync() => inner.DisposeAsync();

        private CommandSpec Enter(CommandSpec command) => command with { Program = "nsenter", Arguments = ["--target", pid, "--" + kind, "--", command.Program, .. command.Arguments] };
    }
}
