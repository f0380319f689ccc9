using Converge.Core.Connections;
using Converge.Core.Modules;
using Converge.Core.Reporting;
using Converge.Core.Running;
using Converge.Core.Templates;
using Converge.Core.Tests.Support;

namespace Converge.Core.Tests.Running;

/// <summary><c>meta: reset_connection</c> opens a new login for the host's next tasks; a run without it opens one connection per host.</summary>
public sealed class ResetConnectionTests
{
    private static readonly TemplateEngine Templates = new();

    private static async Task<(RunReport Report, List<OpenedConnection> Opened)> RunAsync(TempDirectory dir, string tasks)
    {
        var modules = new ModuleRegistry().Register(new TestModule());
        var inventory = dir.Write("hosts.yml", $"all:\n  hosts:\n    h1: {{}}\n  vars:\n    ansible_connection: local\n    converge_state_dir: {dir.Path}/state\n");
        var path = dir.Write("site.yml", $"- hosts: all\n  gather_facts: false\n  tasks:\n{tasks}");
        var run = new RunLoader(modules, [], Templates).Load(new RunRequest { Playbook = path, Inventories = [inventory] });
        var opened = new List<OpenedConnection>();
        var options = new RunOptions
        {
            Connect = s =>
            {
                var connection = new OpenedConnection(new LocalConnection(s.Host));
                lock (opened)
                {
                    opened.Add(connection);
                }

                return connection;
            },
        };
        return (await new Runner(modules, Templates).RunAsync(run, options, new RecordingObserver(), default), opened);
    }

    [Fact]
    public async Task The_tasks_after_a_reset_run_on_a_new_connection_and_the_old_one_is_closed_at_the_end()
    {
        using var dir = new TempDirectory();

        var (report, opened) = await RunAsync(dir, "    - probe: /a\n    - meta: reset_connection\n    - probe: /b\n");

        Assert.Equal(2, opened.Count);
        Assert.All(report.Tasks, t => Assert.Equal(OutcomeStatus.Ok, t.Status));
        Assert.True(opened[0].Commands > 0 && opened[1].Commands > 0, $"before: {opened[0].Commands}, after: {opened[1].Commands}");
        Assert.All(opened, o => Assert.True(o.Disposed));
    }

    [Fact]
    public async Task Without_a_reset_a_host_has_one_connection()
    {
        using var dir = new TempDirectory();

        var (_, opened) = await RunAsync(dir, "    - probe: /a\n    - probe: /b\n");

        Assert.Single(opened);
    }

    /// <summary>A real local connection that counts what it runs and whether it was closed.</summary>
    private sealed class OpenedConnection(IConnection inner) : ConnectionDecorator(inner)
    {
        private int _commands;

        public int Commands => _commands;

        public bool Disposed { get; private set; }

        public override Task<CommandResult> RunAsync(CommandSpec command, CancellationToken ct)
        {
            Interlocked.Increment(ref _commands);
            return Inner.RunAsync(command, ct);
        }

        public override Task<IReadOnlyList<CommandResult>> RunProbesAsync(IReadOnlyList<CommandSpec> probes, CancellationToken ct)
        {
            Interlocked.Increment(ref _commands);
            return Inner.RunProbesAsync(probes, ct);
        }

        public override Task<FileStat?> StatAsync(string path, Become? become, CancellationToken ct)
        {
            Interlocked.Increment(ref _commands);
            return Inner.StatAsync(path, become, ct);
        }

        public override Task<byte[]?> ReadFileAsync(string path, Become? become, CancellationToken ct)
        {
            Interlocked.Increment(ref _commands);
            return Inner.ReadFileAsync(path, become, ct);
        }

        public override ValueTask DisposeAsync()
        {
            Disposed = true;
            return base.DisposeAsync();
        }
    }
}
