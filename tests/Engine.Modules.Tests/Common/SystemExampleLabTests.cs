using CliWrap.Buffered;
using Converge.Lab;
using Converge.TestKit;

namespace Converge.Modules.Tests.Common;

/// <summary>
/// The examples that would change the machine running them (accounts, its name, its zone, apt's sources), run
/// for real on a lab host instead: check mode leaves the host as it was, the first apply succeeds, the second
/// changes nothing. The play's <c>hosts: localhost</c> is pointed at the lab host; nothing else is edited.
/// </summary>
public sealed class SystemExampleLabTests(SystemExampleLab lab) : IClassFixture<SystemExampleLab>
{
    [Converge.Modules.Tests.Apt.LabTheory]
    [InlineData("user")]
    [InlineData("group")]
    [InlineData("hostname")]
    [InlineData("timezone")]
    [InlineData("apt_repository")]
    [InlineData("deb822_repository")]
    public async Task A_system_example_checks_without_changing_the_host_applies_and_reruns_with_no_changes(string module)
    {
        var playbook = Path.Combine(lab.Work, module + ".yml");
        var text = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Examples, module + ".yml"));
        await File.WriteAllTextAsync(playbook, text.Replace("hosts: localhost", "hosts: node1").Replace("hosts: all", "hosts: node1"));

        if (module == "timezone")
        {
            // The image runs on UTC, which is what the example asks for: start from another zone so there is work to do.
            await lab.ShellAsync("ln -sfn /usr/share/zoneinfo/America/New_York /etc/localtime && echo America/New_York > /etc/timezone");
        }

        var before = await lab.StateAsync();
        var check = await RunAsync("check", playbook);
        var afterCheck = await lab.StateAsync();
        var first = await RunAsync("apply", playbook);
        var second = await RunAsync("apply", playbook);

        Assert.True(check.Exit is 0 or 2 && check.Failed == 0, check.Output);
        Assert.Equal(before, afterCheck);
        Assert.True(first.Exit == 0 && first.Failed == 0, first.Output);
        Assert.True(first.Changed > 0, "the first apply changed nothing, so the check proved nothing: " + first.Output);
        Assert.NotEqual(afterCheck, await lab.StateAsync());
        Assert.True(second.Exit == 0 && second.Changed == 0, second.Output);
    }

    [Converge.Modules.Tests.Apt.LabFact]
    public async Task The_apt_key_example_fetches_a_key_the_controller_serves_checks_applies_and_reruns_with_no_changes()
    {
        // A key of the test's own (gpg on the controller), served on the lab's network in place of Docker's URL.
        using var server = new Http.HttpServerFixture(lab.ControllerAddress);
        var home = Directory.CreateTempSubdirectory("converge-gpg-").FullName;
        var environment = new Dictionary<string, string?> { ["GNUPGHOME"] = home };
        async Task<string> GpgAsync(params string[] arguments) =>
            (await CliWrap.Cli.Wrap("gpg").WithArguments(["--batch", "--quiet", .. arguments]).WithEnvironmentVariables(environment).ExecuteBufferedAsync()).StandardOutput;
        await GpgAsync("--passphrase", "", "--quick-gen-key", "Converge Example <example@example.invalid>", "ed25519", "sign", "never");
        await File.WriteAllTextAsync(Path.Combine(server.Files, "key.asc"), await GpgAsync("--armor", "--export"));
        var id = (await GpgAsync("--with-colons", "--list-keys")).Split('\n').First(l => l.StartsWith("fpr:", StringComparison.Ordinal)).Split(':')[9];
        var playbook = Path.Combine(lab.Work, "apt_key.yml");
        var text = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Examples, "apt_key.yml"));
        await File.WriteAllTextAsync(playbook, text.Replace("hosts: all", "hosts: node1"));
        string[] vars = ["-e", $"key_url={server.BaseUrl}/files/key.asc", "-e", "key_id=" + id];

        // The host downloads with curl, as for get_url: from the lab's offline repository.
        await lab.ShellAsync("command -v curl >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get -q -y install curl >/dev/null");

        var before = await KeyringAsync();
        var check = await ReportedRun.RunAsync(["check", playbook, "-i", lab.Inventory, .. vars], lab.Work, "node1");
        var afterCheck = await KeyringAsync();
        var first = await ReportedRun.RunAsync(["apply", playbook, "-i", lab.Inventory, .. vars], lab.Work, "node1");
        var second = await ReportedRun.RunAsync(["apply", playbook, "-i", lab.Inventory, .. vars], lab.Work, "node1");

        Assert.True(check.Exit is 0 or 2 && check.Failed == 0, check.Output);
        Assert.Equal("absent", before);
        Assert.Equal(before, afterCheck);
        Assert.True(first.Exit == 0 && first.Changed == 1, first.Output);
        Assert.NotEqual("absent", await KeyringAsync());
        Assert.True(second.Exit == 0 && second.Changed == 0, second.Output);
        Directory.Delete(home, recursive: true);
    }

    private async Task<string> KeyringAsync() => (await lab.ShellAsync("sha256sum /etc/apt/keyrings/docker.gpg 2>/dev/null || echo absent")).Trim();

    private Task<ReportedRun> RunAsync(string verb, string playbook) => ReportedRun.RunAsync([verb, playbook, "-i", lab.Inventory], lab.Work, "node1");
}
