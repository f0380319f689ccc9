using System.Text.Json;

using Converge.Lab;
using Converge.TestKit;

namespace Converge.Modules.Tests.Debconf;

/// <summary>
/// debconf and locale_gen against the real thing on two fresh lab hosts (the machine's own dpkg is never touched): the
/// <c>locales</c> package (downloaded on the controller with <c>apt-get download</c>) is installed on both, then the same
/// tasks are checked, applied and checked again by Converge on node1 and applied by Ansible on node2; the debconf answers,
/// the generated locales and /etc/locale.gen must be the same, and a password answer appears in no output.
/// </summary>
public sealed class DebianSystemLabTests : IAsyncLifetime
{
    private const string Tasks =
        """
            - debconf: { name: locales, question: locales/default_environment_locale, vtype: select, value: de_CH.UTF-8 }
            - debconf: { name: locales, question: locales/locales_to_be_generated, vtype: multiselect, value: "de_CH.UTF-8 UTF-8" }
            - debconf: { name: converge-lab, question: converge-lab/secret, vtype: password, value: "s3cret-Not-To-Be-Seen" }
            - locale_gen: { name: de_CH.UTF-8 }
            - locale_gen: { name: fr_FR.UTF-8, state: absent }
        """;

    private readonly string _name = "dsys-" + Guid.NewGuid().ToString("N")[..4];

    private readonly string _work = Directory.CreateTempSubdirectory("converge-debian-lab-").FullName;

    private readonly Converge.Lab.Lab _lab = Converge.Lab.Lab.Default();

    private bool _up;

    public async Task InitializeAsync()
    {
        if (!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess)
        {
            return;
        }

        await _lab.UpAsync(new LabSpec(_name, Hosts: 2), installMissing: true, CancellationToken.None);
        _up = true;
        var download = await Machine.RunAsync("/bin/sh", ["-c", "cd \"$1\" && apt-get download -q locales libc-l10n", "sh", _work], CancellationToken.None, null);
        Assert.True(download.Succeeded, "apt-get download locales: " + download.Stderr);
        var setup = await WriteAsync("setup.yml", "all", $$$"""
                - copy: { src: "{{ item }}", dest: "/tmp/{{ item | basename }}" }
                  loop: {{{JsonSerializer.Serialize(Directory.GetFiles(_work, "*.deb"))}}}
                - shell: DEBIAN_FRONTEND=noninteractive dpkg -i /tmp/libc-l10n_*.deb /tmp/locales_*.deb
                  args: { creates: /etc/locale.gen }
            """);
        var outcome = await ConvergeProcess.RunAsync(["apply", setup, "-i", _lab.InventoryFile(_name)]);
        Assert.True(outcome.ExitCode == 0, outcome.ToString());
    }

    public async Task DisposeAsync()
    {
        if (_up)
        {
            await _lab.DownAsync(_name, CancellationToken.None);
        }

        Directory.Delete(_work, recursive: true);
    }

    [Converge.Modules.Tests.Apt.LabFact]
    public async Task Debconf_and_locale_gen_converge_and_leave_what_Ansible_leaves()
    {
        var playbook = await WriteAsync("converge.yml", "node1", Tasks);
        var check = await ConvergeProcess.RunAsync(["check", playbook, "-i", _lab.InventoryFile(_name), "-v"]);
        var unchanged = await StateAsync("node1");
        var apply = await ConvergeProcess.RunAsync(["apply", playbook, "-i", _lab.InventoryFile(_name), "-v", "--diff"]);
        var again = await ConvergeProcess.RunAsync(["apply", playbook, "-i", _lab.InventoryFile(_name), "--report", Path.Combine(_work, "again.json")]);

        Assert.True(check.ExitCode == 2, check.ToString());
        Assert.DoesNotContain("de_CH.utf8", unchanged);
        Assert.True(apply.ExitCode == 0, apply.ToString());
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.DoesNotContain("s3cret-Not-To-Be-Seen", check.ToString() + apply + again);

        // The password answer is set every run (debconf-show never prints passwords, as in Ansible); nothing else changes.
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_work, "again.json")));
        Assert.Equal(1, report.RootElement.GetProperty("hosts").GetProperty("node1").GetProperty("changed").GetInt32());

        var ansible = await WriteAsync("ansible.yml", "node2", Tasks);
        var result = await Machine.RunAsync("ansible-playbook", ["-i", _lab.InventoryFile(_name), ansible], CancellationToken.None, new Dictionary<string, string?>
        {
            ["ANSIBLE_SSH_ARGS"] = $"-o UserKnownHostsFile={Path.Combine(_lab.StateDir(_name), "known_hosts")} -o StrictHostKeyChecking=yes",
            ["ANSIBLE_NOCOLOR"] = "1",
        });
        Assert.True(result.Succeeded, result.Stdout + result.Stderr);
        var byConverge = await StateAsync("node1");
        Assert.Contains("de_CH.utf8", byConverge);
        Assert.Equal(await StateAsync("node2"), byConverge);
    }

    [Converge.Modules.Tests.Apt.LabFact]
    public async Task User_and_group_leave_the_same_accounts_as_Ansible()
    {
        const string Accounts =
            """
                - group: { name: deployers, gid: 2345 }
                - group: { name: auditors, system: true }
                - user: { name: deploy, uid: 2345, group: deployers, groups: [auditors], shell: /bin/bash, comment: "Deploy user", password: "$6$salt$0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ./0123456789abcdefghijk" }
                - user: { name: svc, system: true, create_home: false, shell: /usr/sbin/nologin }
                - user: { name: locked, uid: 2400, password_lock: true }
                - user: { name: gone, uid: 2500 }
                - user: { name: gone, state: absent, remove: true }
            """;
        var playbook = await WriteAsync("accounts.yml", "node1", Accounts);
        var apply = await ConvergeProcess.RunAsync(["apply", playbook, "-i", _lab.InventoryFile(_name)]);
        var again = await ConvergeProcess.RunAsync(["apply", playbook, "-i", _lab.InventoryFile(_name)]);
        var ansible = await WriteAsync("accounts-ansible.yml", "node2", Accounts);
        var result = await Machine.RunAsync("ansible-playbook", ["-i", _lab.InventoryFile(_name), ansible], CancellationToken.None, new Dictionary<string, string?>
        {
            ["ANSIBLE_SSH_ARGS"] = $"-o UserKnownHostsFile={Path.Combine(_lab.StateDir(_name), "known_hosts")} -o StrictHostKeyChecking=yes",
            ["ANSIBLE_NOCOLOR"] = "1",
        });

        Assert.True(apply.ExitCode == 0, apply.ToString());
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.True(result.Succeeded, result.Stdout + result.Stderr);
        Assert.Equal(await AccountsAsync("node2"), await AccountsAsync("node1"));
        Assert.Contains("deploy:x:2345:2345:Deploy user:/home/deploy:/bin/bash", await AccountsAsync("node1"));
    }

    /// <summary>The accounts the test made: passwd and group lines, shadow's name, hash and lock (not the change date), and home folders.</summary>
    private async Task<string> AccountsAsync(string host)
    {
        const string Script = "grep -E '^(deployers|auditors|deploy|svc|locked|gone):' /etc/passwd /etc/group | sed 's/^[^:]*://' | sed -E 's/^(svc|auditors):x:[0-9]+:/\\1:x:SYSTEM:/' | sort; grep -E '^(deploy|svc|locked|gone):' /etc/shadow | cut -d: -f1,2 | sort; ls /home | sort";
        var result = await Machine.RunAsync("nsenter", _lab.ConsoleArguments(_name, host, ["/bin/sh", "-c", Script]), CancellationToken.None, null);
        return result.Stdout;
    }

    /// <summary>The answers of locales, the generated locales and /etc/locale.gen's active lines.</summary>
    private async Task<string> StateAsync(string host)
    {
        var result = await Machine.RunAsync("nsenter", _lab.ConsoleArguments(_name, host, ["/bin/sh", "-c", "debconf-show locales | sort; locale -a | sort; grep -v '^#' /etc/locale.gen | grep ."]), CancellationToken.None, null);
        return result.Stdout;
    }

    private async Task<string> WriteAsync(string file, string hosts, string tasks)
    {
        var path = Path.Combine(_work, file);
        await File.WriteAllTextAsync(path, $"- hosts: {hosts}\n  gather_facts: false\n  tasks:\n{tasks}\n");
        return path;
    }
}
