using System.Security.Cryptography;
using System.Text;
using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Facts;
using Converge.Core.Playbooks;

namespace Converge.Core.Running;

/// <summary>
/// Pending handler notifications persisted on the host (<c>{converge_state_dir}/pending/KEY</c>, default
/// <c>/var/lib/converge</c>): written before the notifying change is applied and removed after the handler
/// succeeds, so a run that dies between a change and its handler (e.g. a reboot) fires it on the next run.
/// </summary>
internal sealed class HandlerJournal(IConnection connection, Become? become, string stateDirectory, string playbookName)
{
    private bool _directoryReady;

    private string PendingDirectory => stateDirectory.TrimEnd('/') + "/pending";

    /// <summary>The keys of pending notifications as a fact, so the runner reads them in its first batch; read as the journal's become.</summary>
    public Fact<HashSet<string>> Pending => new PendingHandlersFact(PendingDirectory, become);

    public static string DefaultStateDirectory => "/var/lib/converge";

    /// <summary>The stable key of a handler: the playbook file, play and handler names.</summary>
    public string KeyOf(Play play, TaskDefinition handler)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{playbookName}\n{play.Name}\n{handler.Name}"));
        return Convert.ToHexStringLower(hash)[..16];
    }

    /// <summary>Reads the keys of pending notifications (from the runner's first batch when it read them).</summary>
    public Task<HashSet<string>> ReadAsync(FactCache facts, CancellationToken ct) => facts.GetAsync(Pending, ct);

    public async Task AddAsync(string key, string handlerName, CancellationToken ct)
    {
        if (!_directoryReady)
        {
            await connection.EnsureDirectoryAsync(PendingDirectory, $"cannot record the pending handler '{handlerName}'", ct);
            _directoryReady = true;
        }

        await connection.WriteFileAsync($"{PendingDirectory}/{key}", Encoding.UTF8.GetBytes(handlerName + "\n"), new FileWriteOptions { Mode = 0b110_000_000 }, ct);
    }

    public async Task RemoveAsync(string key, CancellationToken ct)
    {
        var result = await connection.RunAsync(CommandSpec.Change("rm", "-f", $"{PendingDirectory}/{key}") with { Changes = [PathChange.Entry($"{PendingDirectory}/{key}")] }, ct);
        if (!result.Succeeded)
        {
            throw new TaskFailedException($"cannot clear the pending handler {key}", $"rm -f {PendingDirectory}/{key}", result.ExitCode, result.StderrTail());
        }
    }
}
