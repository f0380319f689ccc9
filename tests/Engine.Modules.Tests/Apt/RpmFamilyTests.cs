using Converge.TestKit;

namespace Converge.Modules.Tests.Apt;

/// <summary>An RPM-family package module is refused at validation, located, with the reason instead of "unknown module".</summary>
public sealed class RpmFamilyTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("converge-rpm-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public async Task I_am_told_that_yum_is_an_RPM_family_module_with_its_location()
    {
        var playbook = Path.Combine(_work, "site.yml");
        await File.WriteAllTextAsync(playbook, "- hosts: localhost\n  tasks:\n    - name: web server\n      yum: { name: httpd }\n");
        var inventory = Path.Combine(_work, "hosts.ini");
        await File.WriteAllTextAsync(inventory, "localhost ansible_connection=local\n");

        var outcome = await ConvergeProcess.RunAsync(["validate", playbook, "-i", inventory]);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains($"{playbook}:4:7: error: yum: an RPM-family module; Converge manages Debian-family hosts", outcome.Stdout + outcome.Stderr);
    }
}
