using System.Diagnostics;
using System.Globalization;
using Converge.Core.Connections;

namespace Converge.Modules.Tests.Supervisorctl;

/// <summary>
/// A real supervisord (Debian's supervisor package) the test starts with its own configuration, unix socket, log and
/// pid file in a folder of its own, requiring a user and password, with a program <c>worker</c> (not started), a group
/// <c>grp</c> of <c>g1</c> (running when the server is returned) and <c>g2</c>, and <c>conf.d/*.conf</c> included for programs the tests add.
/// It runs in the foreground as the test's child; disposing sends SIGTERM (supervisord stops its programs first) and
/// waits for it. No systemd is needed.
/// </summary>
internal sealed class SupervisordServer : IAsyncDisposable
{
    public const string User = "converge";
    public const string Password = "s3cret-supervisor";

    private Process? _process;

    private SupervisordServer(string folder) => Folder = folder;

    public string Folder { get; }

    public string Config => Path.Combine(Folder, "supervisord.conf");

    public string Socket => Path.Combine(Folder, "supervisor.sock");

    public static async Task<SupervisordServer> StartAsync(string folder)
    {
        var server = new SupervisordServer(Directory.CreateDirectory(folder).FullName);
        Directory.CreateDirectory(Path.Combine(folder, "conf.d"));
        await File.WriteAllTextAsync(server.Config, $"""
            [unix_http_server]
            file={server.Socket}
            username={User}
            password={Password}

            [supervisord]
            logfile={folder}/supervisord.log
            pidfile={folder}/supervisord.pid
            childlogdir={folder}

            [rpcinterface:supervisor]
            supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

            [supervisorctl]
            serverurl=unix://{server.Socket}

            [program:worker]
            command=/bin/sh -c "trap 'echo signalled' USR1; while :; do sleep 1; done"
            autostart=false
            startsecs=1

            [group:grp]
            programs=g1,g2

            [program:g1]
            command=/bin/sleep 1000
            startsecs=1

            [program:g2]
            command=/bin/sleep 1001
            autostart=false

            [include]
            files = {folder}/conf.d/*.conf
            """);
        // In the foreground (-n) as the test's own child, so it is reaped when it ends (a daemon's parent is PID 1).
        server._process = Process.Start(new ProcessStartInfo("supervisord", ["-n", "-c", server.Config]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        for (var i = 0; i < 100 && !(File.Exists(server.Socket) && (await server.StatusAsync()).Contains("RUNNING", StringComparison.Ordinal)); i++)
        {
            await Task.Delay(100);
        }

        return server;
    }

    /// <summary>What supervisorctl status says, asked with the credentials (the test's own view, not the module's).</summary>
    public async Task<string> StatusAsync() =>
        (await RunAsync("supervisorctl", "-c", Config, "-u", User, "-p", Password, "status")).Stdout;

    public async ValueTask DisposeAsync()
    {
        if (_process is null)
        {
            return;
        }

        // SIGTERM, not Process.Kill's SIGKILL: supervisord then stops its programs before it exits.
        await RunAsync("kill", "-TERM", _process.Id.ToString(CultureInfo.InvariantCulture));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token);
        _process.Dispose();
    }

    private static Task<CommandResult> RunAsync(string program, params string[] arguments) =>
        new LocalConnection("localhost").RunAsync(new CommandSpec(program, arguments), CancellationToken.None);
}
