using Converge.Core.Connections;
using Converge.Core.Modules;
using Converge.Core.Secrets;
using Converge.Modules.Command;
using Converge.Modules.Copy;
using Converge.Modules.Files;
using Converge.Modules.Line;
using Converge.TestKit;
using Converge.TestKit.Sshd;

namespace Converge.Modules.Tests.Common;

/// <summary>
/// The same modules over a real OpenSSH connection on loopback (the test sshd): converge, rerun in sync,
/// check mode refuses nothing it should not need, and an in-sync file costs one round trip.
/// </summary>
public sealed class OverSshTests(SshdFixture sshd) : IClassFixture<SshdFixture>, IDisposable
{
    private readonly ModuleTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [SshdFact]
    public async Task File_copy_line_and_command_converge_over_ssh_and_rerun_in_sync()
    {
        await using var connection = await OpenAsync();
        var directory = Path.Combine(sshd.Server.HostDirectory(0), Guid.NewGuid().ToString("N"));
        await File.WriteAllTextAsync(Path.Combine(_host.PlaybookDirectory, "payload"), "copied\n");
        var steps = new (IModule Module, object Params)[]
        {
            (new FileModule(), new FileParams { Path = directory, State = "directory", Mode = "0750" }),
            (new FileModule(), new FileParams { Path = directory + "/motd", Content = "hello over ssh\n", Mode = "0640" }),
            (new CopyModule(), new CopyParams { Src = "payload", Dest = directory + "/payload" }),
            (new LineModule(), new LineParams { Path = directory + "/hosts", Line = "10.0.0.2 peer", Create = true }),
            (new CommandModule(), new CommandParams { Argv = ["touch", "marker"], Chdir = directory, Creates = "marker" }),
        };

        foreach (var (module, parameters) in steps)
        {
            var context = _host.Context(connection);
            var plan = await module.CheckAsync(context, parameters, CancellationToken.None);
            Assert.True(plan.IsDrift, $"{module.Name}: {plan.Reason}");
            await module.ApplyAsync(context, parameters, plan, CancellationToken.None);
        }

        foreach (var (module, parameters) in steps)
        {
            var plan = await module.CheckAsync(_host.Context(connection, checkMode: true), parameters, CancellationToken.None);
            Assert.False(plan.IsDrift, $"{module.Name}: {plan.Reason}");
        }

        Assert.Equal("hello over ssh\n", await File.ReadAllTextAsync(directory + "/motd"));
        Assert.Equal("10.0.0.2 peer\n", await File.ReadAllTextAsync(directory + "/hosts"));
        Assert.Equal("copied\n", await File.ReadAllTextAsync(directory + "/payload"));
        Assert.True(File.Exists(directory + "/marker"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(directory + "/motd"));
    }

    [SshdFact]
    public async Task An_in_sync_file_over_ssh_costs_one_round_trip_and_a_drifted_one_shows_its_diff()
    {
        await using var ssh = await OpenAsync();
        var path = Path.Combine(sshd.Server.HostDirectory(0), Guid.NewGuid().ToString("N"));
        await File.WriteAllTextAsync(path, "same\n");
        var counting = new CountingConnection(new CheckModeConnection(ssh));
        var module = new FileModule();

        var inSync = await module.CheckAsync(_host.Context(counting), new FileParams { Path = path, Content = "same\n" }, CancellationToken.None);
        var drift = await module.CheckAsync(_host.Context(ssh), new FileParams { Path = path, Content = "other\n" }, CancellationToken.None);

        Assert.False(inSync.IsDrift, inSync.Reason);
        Assert.Equal((1, 0), (counting.Runs, counting.Reads));
        Assert.Equal($"--- before: {path}\n+++ after: {path}\n@@ -1 +1 @@\n-same\n+other\n", Assert.Single(drift.Changes).Diff);
    }

    private async Task<IConnection> OpenAsync()
    {
        var options = new ConnectionOptions
        {
            KnownHostsFile = sshd.Server.KnownHostsFile,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            Redactor = new Redactor(),
        };
        var connection = ConnectionFactory.Create("host1", sshd.Server.HostVariables(0), options);
        await connection.OpenAsync(CancellationToken.None);
        return connection;
    }
}
