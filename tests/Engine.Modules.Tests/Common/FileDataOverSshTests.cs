using Converge.Core.Connections;
using Converge.Core.Modules;
using Converge.Core.Secrets;
using Converge.Modules.Find;
using Converge.Modules.IniFile;
using Converge.Modules.Script;
using Converge.Modules.Slurp;
using Converge.TestKit;
using Converge.TestKit.Sshd;

namespace Converge.Modules.Tests.Common;

/// <summary>ini_file, script, find and slurp over a real OpenSSH connection on loopback: converge, then a check-mode rerun in sync.</summary>
public sealed class FileDataOverSshTests(SshdFixture sshd) : IClassFixture<SshdFixture>, IDisposable
{
    private readonly ModuleTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [SshdFact]
    public async Task Ini_file_script_find_and_slurp_converge_over_ssh_and_rerun_in_sync()
    {
        await using var connection = ConnectionFactory.Create("host1", sshd.Server.HostVariables(0), new ConnectionOptions
        {
            KnownHostsFile = sshd.Server.KnownHostsFile,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            Redactor = new Redactor(),
        });
        await connection.OpenAsync(CancellationToken.None);
        var directory = Path.Combine(sshd.Server.HostDirectory(0), Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(_host.PlaybookDirectory, "mark.sh"), "#!/bin/sh\nprintf 'marked\\n' > \"$1\"\n");
        var steps = new (IModule Module, object Params)[]
        {
            (new IniFileModule(), new IniFileParams { Path = directory + "/app.ini", Section = "main", Option = "x", Value = "1" }),
            (new ScriptModule(), new ScriptParams { Cmd = $"mark.sh {directory}/mark.log", Creates = directory + "/mark.log" }),
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
            var plan = await module.CheckAsync(_host.Context(new CheckModeConnection(connection)), parameters, CancellationToken.None);
            Assert.False(plan.IsDrift, $"{module.Name}: {plan.Reason}");
        }

        var found = await new FindModule().CheckAsync(_host.Context(new CheckModeConnection(connection)), new FindParams { Paths = [directory], Patterns = ["*.log"] }, CancellationToken.None);
        var slurped = await new SlurpModule().CheckAsync(_host.Context(new CheckModeConnection(connection)), new SlurpParams { Src = directory + "/app.ini" }, CancellationToken.None);

        Assert.Equal("\n[main]\nx = 1\n", await File.ReadAllTextAsync(directory + "/app.ini"));
        Assert.Equal(1, found.Output["matched"]);
        Assert.Equal("\n[main]\nx = 1\n", System.Text.Encoding.UTF8.GetString(Convert.FromBase64String((string)slurped.Output["content"]!)));
    }
}
