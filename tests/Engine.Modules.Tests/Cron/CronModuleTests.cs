using Converge.Core.Connections;
using Converge.Modules.Cron;
using Converge.Modules.Tests.Common;

namespace Converge.Modules.Tests.Cron;

/// <summary><c>cron</c> check → apply → check on a real cron.d file and on a real user crontab (crontab(1), as root for <c>nobody</c>).</summary>
public sealed class CronModuleTests : IDisposable
{
    private readonly ModuleTestHost _host = new();
    private readonly CronModule _module = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task A_cron_d_job_is_written_with_Ansibles_marker_then_in_sync_then_removed_with_the_file()
    {
        var file = _host.PathOf("backup");
        var parameters = new CronParams { Name = "nightly backup", CronFile = file, User = "root", Minute = "0", Hour = "2", Job = "/usr/local/bin/backup --all" };

        var check = await _host.CheckAsync(_module, parameters);
        Assert.False(File.Exists(file));
        await _host.ConvergeAsync(_module, parameters);
        var again = await _host.CheckAsync(_module, parameters);
        var mode = File.GetUnixFileMode(file);
        var (removed, _) = await _host.ConvergeAsync(_module, parameters with { State = "absent" });

        Assert.Contains("+0 2 * * * root /usr/local/bin/backup --all", check.Changes[0].Diff);
        Assert.False(again.IsDrift, again.Reason);
        Assert.Equal(["nightly backup"], (IReadOnlyList<string>)again.Output["jobs"]!);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, mode);
        Assert.True(removed.IsDrift);
        Assert.False(File.Exists(file));
    }

    [Fact]
    public async Task A_changed_schedule_replaces_the_job_under_its_marker()
    {
        var file = _host.PathOf("jobs");
        await File.WriteAllTextAsync(file, "SHELL=/bin/sh\n#Ansible: rotate\n0 * * * * root /usr/sbin/logrotate /etc/logrotate.conf\n# keep\n");
        var parameters = new CronParams { Name = "rotate", CronFile = file, User = "root", SpecialTime = "daily", Job = "/usr/sbin/logrotate /etc/logrotate.conf" };

        await _host.ConvergeAsync(_module, parameters);
        var again = await _host.CheckAsync(_module, parameters);

        Assert.Equal("SHELL=/bin/sh\n#Ansible: rotate\n@daily root /usr/sbin/logrotate /etc/logrotate.conf\n# keep\n", await File.ReadAllTextAsync(file));
        Assert.False(again.IsDrift, again.Reason);
    }

    [RootFact]
    [Trait("Requires", "root")]
    public async Task A_user_crontab_is_read_and_installed_with_crontab()
    {
        Assert.True(File.Exists("/usr/bin/crontab"), "needs Debian's cron package (tests/run.sh installs it)");
        var connection = new LocalConnection("localhost");
        await connection.RunAsync(CommandSpec.Change("crontab", "-u", "nobody", "-r"), CancellationToken.None);
        try
        {
            var job = new CronParams { Name = "heartbeat", User = "nobody", Minute = "*/5", Job = "/bin/true", Disabled = true };
            var variable = new CronParams { Name = "MAILTO", User = "nobody", Env = true, Job = "ops@example.org" };

            var check = await _host.CheckAsync(_module, job);
            Assert.False((await connection.RunAsync(CommandSpec.Probe("crontab", "-u", "nobody", "-l"), CancellationToken.None)).Succeeded);
            await _host.ConvergeAsync(_module, job);
            await _host.ConvergeAsync(_module, variable);
            var again = await _host.CheckAsync(_module, job);
            var listed = await connection.RunAsync(CommandSpec.Probe("crontab", "-u", "nobody", "-l"), CancellationToken.None);

            Assert.Equal("crontab for user \"nobody\": job heartbeat: absent → present", Assert.Single(check.Changes).ToString());
            Assert.False(again.IsDrift, again.Reason);
            Assert.Equal("MAILTO=\"ops@example.org\"\n#Ansible: heartbeat\n#*/5 * * * * /bin/true\n", listed.Stdout);
        }
        finally
        {
            await connection.RunAsync(CommandSpec.Change("crontab", "-u", "nobody", "-r"), CancellationToken.None);
        }
    }

    [Theory]
    [InlineData("{ name: x, job: y, special_time: daily, hour: '2' }", "cron: You must specify time and date fields or special time (not both)")]
    [InlineData("{ name: x, job: y, cron_file: backup }", "cron: To use cron_file you must specify user as well")]
    [InlineData("{ name: x }", "cron: You must specify job to install a new cron job or variable")]
    [InlineData("{ name: x, job: y, insertafter: PATH }", "cron: insertafter and insertbefore are valid only with env: true")]
    [InlineData("{ name: x, job: y, special_time: weekends }", "cron: special_time must be one of reboot, yearly, annually, monthly, weekly, daily, hourly, not 'weekends'")]
    public void Ansibles_checks_are_made_at_load_time(string yaml, string message)
    {
        Assert.Contains(message, ValidationProbe.Problems(_module, yaml));
    }

    [Fact]
    public void Ansible_aliases_bind()
    {
        var parameters = ValidationProbe.Bind(_module, "{ name: x, value: y, dom: '1', dow: '0' }");

        Assert.Equal(("y", "1", "0"), (parameters.Job, parameters.Day, parameters.Weekday));
    }

    [Fact]
    public void A_job_line_without_a_marker_gets_one_as_Ansible_inserts_it()
    {
        var table = CronTable.FromCrontab("# DO NOT EDIT THIS FILE - edit the master and reinstall.\n0 1 * * * /bin/job\n");

        var changed = table.Apply(new CronParams { Name = "job", Minute = "0", Hour = "1", Job = "/bin/job" }, inFile: false);

        Assert.True(changed);
        Assert.Equal("#Ansible: job\n0 1 * * * /bin/job\n", table.Render());
    }
}
