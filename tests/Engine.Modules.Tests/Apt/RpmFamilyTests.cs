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

    [Fact]
    public async Task Every_foreign_package_module_is_named_with_why_under_its_collection_name_too_and_all_at_once()
    {
        var playbook = Path.Combine(_work, "site.yml");
        await File.WriteAllTextAsync(playbook, """
            - hosts: localhost
              tasks:
                - ansible.builtin.yum: { name: httpd }
                - dnf: { name: httpd }
                - community.general.pacman: { name: nginx }
                - pkgng: { name: nginx }
                - ansible.legacy.zypper: { name: nginx }
                - zypper_repository: { name: x, repo: y }
            """);
        var inventory = Path.Combine(_work, "hosts.ini");
        await File.WriteAllTextAsync(inventory, "localhost ansible_connection=local\n");

        var outcome = await ConvergeProcess.RunAsync(["validate", playbook, "-i", inventory]);

        var output = outcome.Stdout + outcome.Stderr;
        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains($"{playbook}:3:7: error: ansible.builtin.yum: an RPM-family module; Converge manages Debian-family hosts", output);
        Assert.Contains($"{playbook}:4:7: error: dnf: an RPM-family module", output);
        Assert.Contains($"{playbook}:5:7: error: community.general.pacman: the Arch Linux package manager's module; Converge manages Debian-family hosts", output);
        Assert.Contains($"{playbook}:6:7: error: pkgng: the FreeBSD package manager's module", output);
        Assert.Contains($"{playbook}:7:7: error: ansible.legacy.zypper: an RPM-family module", output);
        Assert.Contains($"{playbook}:8:7: error: zypper_repository: the SUSE package manager's module", output);
    }
}
