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
    /// <summary>The journal's folder under the state directory; the run lock makes it with the state directory (<see cref="HostLockFact"/>).</summary>
    public const string PendingFolder = "pending";

    private string PendingDirectory => stateDirectory.TrimEnd('/') + "/" + PendingFolder;

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

    /// <summary>
    /// Records a pending notification in one request: the folder made when missing (a built-in test first, so
    /// only the first record on a host pays for <c>mkdir</c>), the file created 0600 with the handler's name and
    /// fsynced before the change it precedes is applied. The file's name is the record, so a write cut short
    /// still records it, and no temp file is needed. The file is created exclusively (<c>set -C</c>): a record
    /// already there is kept, and nothing at that name (a symlink) is followed, so the change is declared as one
    /// under the folder's entry and drops only the facts read there.
    /// </summary>
    public async Task AddAsync(string key, string handlerName, CancellationToken ct)
    {
        var directory = ShellQuote.Quote(PendingDirectory);
        var file = ShellQuote.Quote($"{PendingDirectory}/{key}");
        var script = $$"""
            [ -d {{directory}} ] || mkdir -p -- {{directory}} || exit 1
            umask 077
            set -C
            printf '%s\n' {{ShellQuote.Quote(handlerName)}} 2>/dev/null > {{file}} || { [ -f {{file}} ] && [ ! -L {{file}} ]; } || exit 1
            sync -- {{file}} 2>/dev/null || sync
            """;
        // Named converge-…, so the persistent shell runs it in its own subshell rather than exec'ing a second sh.
        var command = CommandSpec.Change("/bin/sh", "-c", script, "converge-handler-journal") with
        {
            Changes = [PathChange.Directory(PendingDirectory)],
        };
        var result = await connection.RunAsync(command, ct);
        if (!result.Succeeded)
        {
            throw new TaskFailedException($"cannot record the pending handler '{handlerName}' in {PendingDirectory}", $"record {PendingDirectory}/{key}", result.ExitCode, result.StderrTail());
        }
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
