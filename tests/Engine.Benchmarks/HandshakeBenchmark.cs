using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using Converge.Core.Connections;
using Converge.Core.Connections.Ssh;
using Converge.Core.Diagnostics;
using Converge.TestKit.Sshd;

namespace Converge.Benchmarks;

/// <summary>
/// <c>--handshakes [N]</c>: the controller's CPU per connection of Converge's two SSH clients (its own, "wire", and
/// SSH.NET), in this process, through <see cref="SshConnection"/> as the runner uses it, against the loopback sshd
/// and a fresh login user. Three operations: N connections opened and closed; N connections that also run one
/// command (which opens the persistent shell); and ten commands on each of N open connections. Each row runs
/// 8 at a time, the clients alternate (two rounds of each), and both are warmed up first, so the JIT and the
/// machine's drift in speed touch both alike.
/// </summary>
public static class HandshakeBenchmark
{
    private const int Concurrency = 8;

    // One sshd process serves 16 addresses (see SshServer); connection i goes to address i mod 16.
    private const int Addresses = 16;

    // The warm-up runs every row with this many connections, in batches, until a batch leaves the JIT nearly idle: with
    // tiered compilation and dynamic PGO a method is compiled up to three times (tier 0, instrumented, tier 1), each
    // step after 30 calls and a quiet 100 ms, and most of a connection's methods run once per connection.
    private const int WarmUpConnections = 20;

    private const int MaxWarmUpBatches = 10;

    private const int SettledMethods = 20;

    private const int CommandsPerConnection = 10;

    private const int Rounds = 2;

    private static readonly CommandSpec True = CommandSpec.Probe("true");

    public static async Task<int> RunAsync(int connections, BenchmarkOptions options, TextWriter output)
    {
        if (SshdRequirements.MissingReason is { } reason)
        {
            await output.WriteLineAsync("benchmark: " + reason);
            return 1;
        }

        await using var server = await SshServer.StartAsync(Addresses);
        using var meter = HostsCpuMeter.Start(server);
        await using var users = options.LoginAsRoot ? null : await SshTestUsers.CreateAsync();
        var login = users?.NoPasswordUser ?? "root";
        var hosts = Enumerable.Range(0, Addresses).Select(i => HostConnectionSettings.FromVariables($"host{i + 1}", server.HostVariables(i, login))).ToList();
        HostConnectionSettings HostOf(int i) => hosts[i % hosts.Count];
        var clients = new (string Name, ConnectionOptions Options)[]
        {
            ("wire", Options(server, useSshNet: false)),
            ("sshnet", Options(server, useSshNet: true)),
        };
        var operations = new (string Name, Func<ConnectionOptions, int, Task<HandshakeRow>> Run)[]
        {
            ("connect+close", (o, n) => ConnectionsAsync(meter, o, HostOf, n, commands: 0)),
            ("connect+1 command+close", (o, n) => ConnectionsAsync(meter, o, HostOf, n, commands: 1)),
            ($"{CommandsPerConnection} commands on an open connection", (o, n) => CommandsAsync(meter, o, HostOf, n)),
        };

        await output.WriteLineAsync($"sshd on {server.Addresses[0]}-{server.Addresses[^1]}:{server.Port}; {Environment.ProcessorCount} cores; process spawn {ProcessSpawn.Milliseconds():0.0} ms; hosts' CPU from {meter.Method}; login as {(users is null ? "root" : login + " (a fresh user)")}");
        await output.WriteLineAsync($"{connections} connections per row ({CommandsPerConnection} commands on each in the last operation), {Concurrency} at a time");
        try
        {
            var (batches, compiled) = await WarmUpAsync([.. operations.Select(o => o.Run)], [.. clients.Select(c => c.Options)]);
            await output.WriteLineAsync($"warm-up, not measured: {batches} batches of every row with {WarmUpConnections} connections; the JIT compiled {compiled} methods in the last");
            await output.WriteLineAsync(HandshakeRow.Header);
            var rows = new List<HandshakeRow>();
            for (var round = 0; round < Rounds; round++)
            {
                foreach (var (operation, run) in operations)
                {
                    foreach (var (client, clientOptions) in clients)
                    {
                        var load = SshBenchmark.LoadAverage();
                        var row = await run(clientOptions, connections);
                        rows.Add(row with { Client = client, Operation = operation });
                        await output.WriteLineAsync(rows[^1].Format(load));
                    }
                }
            }

            await output.WriteLineAsync();
            await output.WriteLineAsync("controller CPU ms per connection (per command for the last), each round; sshnet/wire of the sums");
            foreach (var (operation, _) in operations)
            {
                double[] Of(string client) => [.. rows.Where(r => r.Client == client && r.Operation == operation).Select(r => r.CpuMillisecondsPerUnit)];
                var (wire, sshNet) = (Of("wire"), Of("sshnet"));
                static string Each(double[] rounds) => string.Join(", ", rounds.Select(v => v.ToString("0.00", CultureInfo.InvariantCulture)));
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{operation,-33}  wire {Each(wire)}  sshnet {Each(sshNet)}  sshnet/wire {sshNet.Sum() / wire.Sum():0.00}"));
            }

            return 0;
        }
        catch (Exception e) when (e is HostUnreachableException or InvalidOperationException)
        {
            await output.WriteLineAsync("benchmark: " + e.Message);
            return 1;
        }
    }

    /// <summary>
    /// Every row, unmeasured, with <see cref="WarmUpConnections"/> connections, in batches until one compiles fewer
    /// than <see cref="SettledMethods"/> methods; returns the batches run and the last one's count.
    /// </summary>
    private static async Task<(int Batches, long Compiled)> WarmUpAsync(IReadOnlyList<Func<ConnectionOptions, int, Task<HandshakeRow>>> operations, IReadOnlyList<ConnectionOptions> clients)
    {
        for (var batch = 1; ; batch++)
        {
            var before = JitInfo.GetCompiledMethodCount();
            foreach (var run in operations)
            {
                foreach (var options in clients)
                {
                    await run(options, WarmUpConnections);
                }
            }

            // Tier 1 compiles on a background thread after 100 ms without new tier-0 methods: give it that time.
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            var compiled = JitInfo.GetCompiledMethodCount() - before;
            if (compiled < SettledMethods || batch == MaxWarmUpBatches)
            {
                return (batch, compiled);
            }
        }
    }

    private static ConnectionOptions Options(SshServer server, bool useSshNet) => new()
    {
        KnownHostsFile = server.KnownHostsFile,
        ConnectTimeout = TimeSpan.FromSeconds(30),
        UseSshNet = useSshNet,
    };

    /// <summary>
    /// <paramref name="count"/> connections, each opened, then running <paramref name="commands"/> commands, then
    /// closed; the hosts' CPU includes every session's end (sshd's and the shells' exit after the disconnect).
    /// </summary>
    private static async Task<HandshakeRow> ConnectionsAsync(HostsCpuMeter meter, ConnectionOptions options, Func<int, HostConnectionSettings> hostOf, int count, int commands)
    {
        var (row, hostsCpu) = await meter.MeasureAsync(() => MeasureAsync(count, () => ForEachAsync(count, i => ConnectAsync(hostOf(i), options, commands))));
        return row with { HostsCpu = hostsCpu };
    }

    /// <summary>
    /// <see cref="CommandsPerConnection"/> commands on each of <paramref name="count"/> connections, all opened (with
    /// their shell) before the measurement and closed after it, as a run holds its hosts' connections: the cost of a
    /// command alone, counted per command.
    /// </summary>
    private static async Task<HandshakeRow> CommandsAsync(HostsCpuMeter meter, ConnectionOptions options, Func<int, HostConnectionSettings> hostOf, int count)
    {
        var open = new SshConnection?[count];
        try
        {
            await ForEachAsync(count, async i =>
            {
                var connection = open[i] = new SshConnection(hostOf(i), options);
                await connection.OpenAsync(CancellationToken.None);
                await RunTrueAsync(connection);
            });
            var hostsBefore = meter.Read();
            var row = await MeasureAsync(count * CommandsPerConnection, () => ForEachAsync(count, async i =>
            {
                for (var c = 0; c < CommandsPerConnection; c++)
                {
                    await RunTrueAsync(open[i]!);
                }
            }));
            return row with { HostsCpu = meter.Read() - hostsBefore };
        }
        finally
        {
            foreach (var connection in open.OfType<SshConnection>())
            {
                await connection.DisposeAsync();
            }
        }
    }

    private static async Task ConnectAsync(HostConnectionSettings host, ConnectionOptions options, int commands)
    {
        await using var connection = new SshConnection(host, options);
        await connection.OpenAsync(CancellationToken.None);
        for (var c = 0; c < commands; c++)
        {
            await RunTrueAsync(connection);
        }
    }

    private static async Task RunTrueAsync(SshConnection connection)
    {
        var result = await connection.RunAsync(True, CancellationToken.None);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"'true' on {connection.Endpoint} exited {result.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? result.Signal}: {result.StderrTail()}");
        }
    }

    /// <summary>Runs <paramref name="work"/> once for each of 0 … count-1, <see cref="Concurrency"/> at a time.</summary>
    private static async Task ForEachAsync(int count, Func<int, Task> work)
    {
        using var slots = new SemaphoreSlim(Concurrency, Concurrency);
        var tasks = Enumerable.Range(0, count).Select(async i =>
        {
            await slots.WaitAsync();
            try
            {
                await work(i);
            }
            finally
            {
                slots.Release();
            }
        });
        await Task.WhenAll(tasks);
    }

    /// <summary>
    /// This process's CPU (user + system, all threads), the wall time, the peak thread count and the bytes allocated
    /// while <paramref name="work"/> runs, after a full collection so earlier rows' garbage is not collected on its account.
    /// </summary>
    private static async Task<HandshakeRow> MeasureAsync(int units, Func<Task> work)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        await using var threads = ThreadCountPeak.Start();
        var allocated = GC.GetTotalAllocatedBytes();
        var jit = JitInfo.GetCompilationTime();
        var methods = JitInfo.GetCompiledMethodCount();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await work();
        clock.Stop();
        process.Refresh();
        return new HandshakeRow(string.Empty, string.Empty, units, process.TotalProcessorTime - cpu, clock.Elapsed, TimeSpan.Zero, threads.Peak, GC.GetTotalAllocatedBytes() - allocated, JitInfo.GetCompilationTime() - jit, JitInfo.GetCompiledMethodCount() - methods);
    }
}
