using Converge.Core.Connections;
using Converge.Core.Diagnostics;
using Converge.Core.Secrets;
using Converge.Modules.Supervisorctl;
using Converge.Modules.Tests.Common;

namespace Converge.Modules.Tests.Supervisorctl;

/// <summary>
/// <c>supervisorctl</c> against a real supervisord the test starts (its own config and unix socket in the test's folder,
/// a user and password required): a program started, signalled and stopped, a group restarted, a program added and
/// removed, each check → apply → check; the password only ever on standard input.
/// </summary>
public sealed class SupervisorctlModuleTests : IAsyncLifetime, IDisposable
{
    private readonly ModuleTestHost _host = new();
    private readonly SupervisorctlModule _module = new();
    private SupervisordServer? _server;

    private SupervisordServer Server => _server!;

    public async Task InitializeAsync() => _server = await SupervisordServer.StartAsync(_host.PathOf("supervisor"));

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>After <see cref="DisposeAsync"/> (xunit calls both): the folder goes once supervisord is down.</summary>
    public void Dispose() => _host.Dispose();

    private SupervisorctlParams Ask(string name, string state) => new()
    {
        Name = name,
        State = state,
        Config = Server.Config,
        Username = SupervisordServer.User,
        Password = new Secret(SupervisordServer.Password),
    };

    [Fact]
    public async Task A_program_is_started_signalled_and_stopped_each_then_in_sync()
    {
        var start = await _host.CheckAsync(_module, Ask("worker", "started"));
        Assert.Contains("worker                           STOPPED", await Server.StatusAsync(), StringComparison.Ordinal);
        var (_, started) = await _host.ConvergeAsync(_module, Ask("worker", "started"));
        var running = await _host.CheckAsync(_module, Ask("worker", "started"));
        var (signal, _) = await _host.ConvergeAsync(_module, Ask("worker", "signalled") with { Signal = "USR1" });
        var (stop, _) = await _host.ConvergeAsync(_module, Ask("worker", "stopped"));
        var stopped = await _host.CheckAsync(_module, Ask("worker", "stopped"));
        var notRunning = await _host.CheckAsync(_module, Ask("worker", "signalled") with { Signal = "USR1" });

        Assert.Equal("supervisorctl worker: STOPPED → started", Assert.Single(start.Changes).ToString());
        Assert.Equal(["worker"], (IEnumerable<string>)started!.Output["affected"]!);
        Assert.False(running.IsDrift, running.Reason);
        Assert.Equal("supervisorctl worker: RUNNING → signalled", Assert.Single(signal.Changes).ToString());
        Assert.Equal("supervisorctl worker: RUNNING → stopped", Assert.Single(stop.Changes).ToString());
        Assert.False(stopped.IsDrift, stopped.Reason);
        Assert.False(notRunning.IsDrift, notRunning.Reason);
        Assert.Contains("worker                           STOPPED", await Server.StatusAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_group_restarted_is_always_a_change_on_each_member_and_started_only_on_the_stopped_one()
    {
        var before = await Server.StatusAsync();
        var (restart, restarted) = await _host.ConvergeAsync(_module, Ask("grp:", "restarted"));
        var (start, _) = await _host.ConvergeAsync(_module, Ask("grp:", "started"));
        var again = await _host.CheckAsync(_module, Ask("grp:", "started"));

        Assert.Contains("grp:g1", before, StringComparison.Ordinal);
        Assert.Equal(["supervisorctl grp:g1: RUNNING → restarted", "supervisorctl grp:g2: STOPPED → restarted"], restart.Changes.Select(c => c.ToString()));
        Assert.Equal(["grp:g1", "grp:g2"], (IEnumerable<string>)restarted!.Output["affected"]!);
        Assert.Equal("grp", restarted.Output["name"]);
        Assert.False(start.IsDrift, start.Reason);
        Assert.False(again.IsDrift, again.Reason);
        Assert.Contains("grp:g2                           RUNNING", await Server.StatusAsync(), StringComparison.Ordinal);
    }

    /// <summary>As in Ansible, absent only asks supervisord to remove the group: a running one is refused until stopped.</summary>
    [Fact]
    public async Task A_program_added_to_the_configuration_is_made_present_then_removed_once_stopped_each_then_in_sync()
    {
        await File.WriteAllTextAsync(Path.Combine(Server.Folder, "conf.d", "extra.conf"), "[program:extra]\ncommand=/bin/sleep 1003\nstartsecs=0\n");

        var add = await _host.CheckAsync(_module, Ask("extra", "present"));
        var (_, added) = await _host.ConvergeAsync(_module, Ask("extra", "present"));
        var present = await _host.CheckAsync(_module, Ask("extra", "present"));
        var running = await Assert.ThrowsAsync<TaskFailedException>(() => _host.ConvergeAsync(_module, Ask("extra", "absent")));
        await _host.ConvergeAsync(_module, Ask("extra", "stopped"));
        var (remove, _) = await _host.ConvergeAsync(_module, Ask("extra", "absent"));
        var absent = await _host.CheckAsync(_module, Ask("extra", "absent"));

        Assert.Equal("supervisorctl extra: not in supervisord → added", Assert.Single(add.Changes).ToString());
        Assert.NotNull(added);
        Assert.False(present.IsDrift, present.Reason);
        Assert.Contains("ERROR: process/group still running: extra", running.Message, StringComparison.Ordinal);
        Assert.Equal("supervisorctl extra: extra STOPPED → removed", Assert.Single(remove.Changes).ToString());
        Assert.False(absent.IsDrift, absent.Reason);
        Assert.DoesNotContain("extra", await Server.StatusAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_password_travels_on_standard_input_and_a_wrong_one_fails_clearly_without_showing_it()
    {
        var command = SupervisorctlCommand.For(Ask("worker", "started"), CommandKind.Probe, "status");
        var wrong = Ask("worker", "started") with { Password = new Secret("not-the-password") };

        var error = await Assert.ThrowsAsync<TaskFailedException>(() => _host.CheckAsync(_module, wrong));
        var unknown = await Assert.ThrowsAsync<TaskFailedException>(() => _host.CheckAsync(_module, Ask("nope", "started")));

        Assert.DoesNotContain(SupervisordServer.Password, command.CommandLine, StringComparison.Ordinal);
        Assert.Equal(SupervisordServer.Password + "\n", command.StandardInput);
        Assert.Contains("supervisorctl cannot ask supervisord for its processes: Server requires authentication", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password", error.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("ERROR (no such process)", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Status_lines_and_names_match_as_Ansible_s()
    {
        var processes = SupervisorStatusFact.Lines("web RUNNING   pid 7680, uptime 13:22:18\ngrp:a STOPPED Not started\ngrp:b FATAL Exited too quickly\nother:c RUNNING pid 3\n");

        Assert.Equal(["grp:a", "grp:b"], SupervisorctlModule.Matching("grp:", processes).Select(p => p.Name));
        Assert.Equal(["web"], SupervisorctlModule.Matching("web", processes).Select(p => p.Name));
        Assert.Equal(4, SupervisorctlModule.Matching("all", processes).Count);
        Assert.Empty(SupervisorctlModule.Matching("grp", processes));
    }

    [Theory]
    [InlineData("{ name: apache, state: restarted, username: root, password: fizzbuzz }", null)]
    [InlineData("{ name: my_app, state: signalled, signal: USR1, server_url: 'http://127.0.0.1:9001', supervisorctl_path: /usr/local/bin/supervisorctl }", null)]
    [InlineData("{ name: my_app }", "missing required arguments: state")]
    [InlineData("{ name: my_app, state: signalled }", "state is signalled but all of the following are missing: signal")]
    [InlineData("{ name: my_app, state: running }", "state must be one of present, started, stopped, restarted, absent, signalled, not 'running'")]
    [InlineData("{ name: my_app, state: started, server: x }", "server_url")]
    public void Params_are_the_collection_s(string yaml, string? message) =>
        ValidationProbe.AssertProblem(_module, yaml, message);
}
