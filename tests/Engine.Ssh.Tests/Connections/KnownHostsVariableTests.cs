using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.TestKit.Sshd;

namespace Converge.Ssh.Tests.Connections;

/// <summary>A host's own known_hosts file (<c>converge_known_hosts</c>, as the lab writes it) replaces the run's file.</summary>
[Collection(SshdCollection.Name)]
[Trait("Requires", "sshd")]
public sealed class KnownHostsVariableTests(SshdFixture sshd) : IDisposable
{
    private readonly string _hostFile = Path.Combine(Path.GetTempPath(), $"converge-host-known-{Guid.NewGuid():N}");
    private readonly string _runFile = Path.Combine(Path.GetTempPath(), $"converge-run-known-{Guid.NewGuid():N}");

    public void Dispose()
    {
        File.Delete(_hostFile);
        File.Delete(_runFile);
    }

    [SshdFact]
    public async Task The_hosts_own_known_hosts_file_is_used_instead_of_the_runs()
    {
        await File.WriteAllTextAsync(_hostFile, $"[{sshd.Server.Addresses[2]}]:{sshd.Server.Port} {sshd.Server.HostKeyLine}\n");
        var variables = new Dictionary<string, object?>(sshd.Server.HostVariables(2)) { ["converge_known_hosts"] = _hostFile };
        var options = TestConnections.Options(sshd.Server) with { KnownHostsFile = _runFile };

        await using var connection = ConnectionFactory.Create("h2", variables, options);
        await connection.OpenAsync(CancellationToken.None);

        Assert.True((await connection.RunAsync(CommandSpec.Probe("true"), CancellationToken.None)).Succeeded);
        Assert.False(File.Exists(_runFile));
    }

    [SshdFact]
    public async Task A_host_whose_own_file_lacks_its_key_is_refused()
    {
        await File.WriteAllTextAsync(_hostFile, string.Empty);
        await File.WriteAllTextAsync(_runFile, $"[{sshd.Server.Addresses[2]}]:{sshd.Server.Port} {sshd.Server.HostKeyLine}\n");
        var variables = new Dictionary<string, object?>(sshd.Server.HostVariables(2)) { ["converge_known_hosts"] = _hostFile };

        await using var connection = ConnectionFactory.Create("h2", variables, TestConnections.Options(sshd.Server) with { KnownHostsFile = _runFile });

        var failure = await Assert.ThrowsAsync<HostUnreachableException>(() => connection.OpenAsync(CancellationToken.None));
        Assert.Contains("unknown host key", failure.Message);
        Assert.Contains(_hostFile, failure.Message);
    }
}
