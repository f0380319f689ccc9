using System.Text.Json;
using Converge.Lab;
using Converge.TestKit;
using Converge.TestKit.Packages;

namespace Converge.Modules.Tests.Apt;

/// <summary>
/// <c>apt</c> and <c>package</c> through the real <c>converge</c> against real apt and dpkg on a lab host:
/// check changes nothing, apply converges, a second check is clean; the same tasks applied by Ansible to a
/// second fresh host leave the same package list; and apply waits for a held dpkg lock, saying who holds it.
/// </summary>
[Collection(AptLabCollection.Name)]
public sealed class AptLabTests(AptLab lab)
{
    private const string Tasks =
        """
            - name: the apt lists are fresh
              apt: { update_cache: true, cache_valid_time: 3600 }
            - name: the latest a
              apt: { name: converge-apt-a, state: latest }
            - name: b and its dependency
              apt: { name: [converge-apt-b], install_recommends: false }
            - name: gone is purged
              apt: { name: converge-apt-gone, state: absent, purge: true }
            - name: d through package
              package: { name: converge-apt-d, state: present }
            - name: w by a version wildcard, with services kept from starting
              apt: { name: "converge-apt-w=1.2.*", policy_rc_d: 101 }
        """;

    [LabFact]
    public async Task I_can_check_apply_and_recheck_packages_and_Ansible_leaves_the_same_packages()
    {
        var playbook = await WriteAsync("packages.yml", "node1", Tasks);
        var before = await lab.PackagesAsync("node1");
        static string WithoutE(string list) => string.Join("\n", list.Split('\n').Where(l => !l.StartsWith("converge-apt-e ", StringComparison.Ordinal) && !l.StartsWith("converge-apt-p ", StringComparison.Ordinal)));

        var check = await RunAsync("check", playbook);
        var unchanged = await lab.PackagesAsync("node1");
        var apply = await RunAsync("apply", playbook);
        var after = WithoutE(await lab.PackagesAsync("node1"));
        var again = await RunAsync("check", playbook);

        Assert.True(check.Outcome.ExitCode == 2, check.Outcome.ToString());
        Assert.Equal(before, unchanged);
        Assert.True(apply.Outcome.ExitCode == 0, apply.Outcome.ToString());
        Assert.Equal(
            "converge-apt-a 1.1 installed\nconverge-apt-b 1.0 installed\nconverge-apt-c 1.0 installed\nconverge-apt-d 2.0 installed\nconverge-apt-w 1.2.3 installed",
            after);
        Assert.True(again.Outcome.ExitCode == 0, again.Outcome.ToString());
        Assert.Equal(0, again.Changed);

        var ansible = await WriteAsync("ansible.yml", "node2", Tasks);
        var known = Path.Combine(lab.Lab.StateDir(AptLab.Name), "known_hosts");
        var result = await Machine.RunAsync("ansible-playbook", ["-i", lab.Inventory, ansible], CancellationToken.None, new Dictionary<string, string?>
        {
            ["ANSIBLE_SSH_ARGS"] = $"-o UserKnownHostsFile={known} -o StrictHostKeyChecking=yes",
            ["ANSIBLE_NOCOLOR"] = "1",
        });
        Assert.True(result.Succeeded, result.Stdout + result.Stderr);
        Assert.Equal(after, await lab.PackagesAsync("node2"));

        // policy_rc_d: both saw "exit 101" while the package was configured, and neither left a policy-rc.d behind.
        const string Policy = "cat /var/lib/converge-apt-w.policy; ls /usr/sbin/policy-rc.d 2>&1 || true";
        var converge = (await lab.ConsoleAsync("node1", Policy)).Stdout;
        Assert.StartsWith("#!/bin/sh\nexit 101\n", converge);
        Assert.Contains("No such file", converge);
        Assert.Equal(converge, (await lab.ConsoleAsync("node2", Policy)).Stdout);
    }

    /// <summary>
    /// Ansible 2.14 marks a named package that apt installed automatically as manual (apt-mark manual), silently; Converge
    /// does the same and shows it as the change it is: check reports it without marking, apply marks, a rerun is clean.
    /// </summary>
    [LabFact]
    public async Task A_named_package_installed_automatically_is_marked_manual_shown_by_check_then_in_sync()
    {
        var playbook = await WriteAsync("manual.yml", "node1", "    - apt: { name: converge-apt-c }");
        await lab.ConsoleAsync("node1", "DEBIAN_FRONTEND=noninteractive apt-get install -y -q converge-apt-c >/dev/null 2>&1; apt-mark auto converge-apt-c");

        var check = await RunAsync("check", playbook);
        var stillAuto = (await lab.ConsoleAsync("node1", "apt-mark showauto converge-apt-c")).Stdout;
        var apply = await RunAsync("apply", playbook);
        var again = await RunAsync("check", playbook);
        var manual = (await lab.ConsoleAsync("node1", "apt-mark showmanual converge-apt-c")).Stdout;

        Assert.True(check.Outcome.ExitCode == 2, check.Outcome.ToString());
        Assert.Equal("converge-apt-c\n", stillAuto);
        Assert.True(apply.Outcome.ExitCode == 0 && apply.Changed == 1, apply.Outcome.ToString());
        Assert.True(again.Outcome.ExitCode == 0 && again.Changed == 0, again.Outcome.ToString());
        Assert.Equal("converge-apt-c\n", manual);
    }

    [LabFact]
    public async Task Policy_rc_d_puts_the_host_s_own_policy_back_after_the_install()
    {
        var playbook = await WriteAsync("policy.yml", "node1", "    - apt: { name: converge-apt-p, policy_rc_d: 101 }");
        await lab.ConsoleAsync("node1", "printf '#!/bin/sh\\n# the host own\\nexit 0\\n' > /usr/sbin/policy-rc.d; chmod 0700 /usr/sbin/policy-rc.d");

        var apply = await RunAsync("apply", playbook);
        var seen = (await lab.ConsoleAsync("node1", "cat /var/lib/converge-apt-p.policy")).Stdout;
        var restored = (await lab.ConsoleAsync("node1", "stat -c %a /usr/sbin/policy-rc.d; cat /usr/sbin/policy-rc.d; rm -f /usr/sbin/policy-rc.d")).Stdout;

        Assert.True(apply.Outcome.ExitCode == 0, apply.Outcome.ToString());
        Assert.Equal("#!/bin/sh\nexit 101\n", seen);
        Assert.Equal("700\n#!/bin/sh\n# the host own\nexit 0\n", restored);
    }

    [LabFact]
    public async Task Apply_waits_for_the_dpkg_lock_and_fails_naming_its_holder_after_lock_timeout()
    {
        var waits = await WriteAsync("lock.yml", "node1", "    - apt: { name: converge-apt-e, lock_timeout: 60 }");
        var gives = await WriteAsync("lock-timeout.yml", "node1", "    - apt: { name: converge-apt-e, state: absent, lock_timeout: 2 }");

        await lab.ConsoleAsync("node1", DpkgLockHolder.Script(12));
        var waited = await RunAsync("apply", waits);
        await lab.ConsoleAsync("node1", DpkgLockHolder.Script(60));
        var timedOut = await RunAsync("apply", gives);
        await lab.ConsoleAsync("node1", "kill $(cat /tmp/holder.pid)");

        Assert.True(waited.Outcome.ExitCode == 0, waited.Outcome.ToString());
        Assert.Matches("waited [0-9]+ s for the dpkg lock", waited.Message);
        Assert.Contains("converge-apt-e 1.0 installed", await lab.PackagesAsync("node1"));
        Assert.True(timedOut.Outcome.ExitCode == 4, timedOut.Outcome.ToString());
        Assert.Matches("/var/lib/dpkg/lock-frontend is held by PID [0-9]+ \\(python3\\) after waiting lock_timeout 2 s", timedOut.Message);
        Assert.Contains("converge-apt-e 1.0 installed", await lab.PackagesAsync("node1"));
    }

    [LabFact]
    public async Task Install_pkg_waits_for_the_dpkg_lock_and_fails_naming_its_holder_after_lock_timeout()
    {
        var waits = await WriteAsync("ipkg-lock.yml", "node1", "    - install-pkg: { name: converge-apt-e, update_cache: true, lock_timeout: 60 }");
        var gives = await WriteAsync("ipkg-lock-timeout.yml", "node1", "    - install-pkg: { name: converge-apt-e, state: absent, lock_timeout: 2 }");
        await lab.ConsoleAsync("node1", "dpkg --purge converge-apt-e >/dev/null 2>&1; true");

        await lab.ConsoleAsync("node1", DpkgLockHolder.Script(8));
        var waited = await RunAsync("apply", waits);
        await lab.ConsoleAsync("node1", DpkgLockHolder.Script(60));
        var timedOut = await RunAsync("apply", gives);
        await lab.ConsoleAsync("node1", "kill $(cat /tmp/holder.pid)");

        Assert.True(waited.Outcome.ExitCode == 0, waited.Outcome.ToString());
        Assert.Matches("waited [0-9]+ s for the dpkg lock", waited.Message);
        Assert.True(timedOut.Outcome.ExitCode == 4, timedOut.Outcome.ToString());
        Assert.Matches("/var/lib/dpkg/lock-frontend is held by PID [0-9]+ \\(python3\\) after waiting lock_timeout 2 s", timedOut.Message);
        Assert.Contains("converge-apt-e 1.0 installed", await lab.PackagesAsync("node1"));
    }

    private async Task<string> WriteAsync(string file, string host, string tasks)
    {
        var path = Path.Combine(lab.Work, file);
        await File.WriteAllTextAsync(path, $"- hosts: {host}\n  tasks:\n{tasks}\n");
        return path;
    }

    private async Task<(ConvergeOutcome Outcome, int Changed, string Message)> RunAsync(string verb, string playbook)
    {
        var report = Path.Combine(lab.Work, $"report-{Guid.NewGuid():N}.json");
        var outcome = await ConvergeProcess.RunAsync([verb, playbook, "-i", lab.Inventory, "--report", report]);
        Assert.True(File.Exists(report), outcome.ToString());
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(report));
        var changed = json.RootElement.GetProperty("hosts").EnumerateObject().Sum(h => h.Value.GetProperty("changed").GetInt32());
        var messages = string.Join("\n", json.RootElement.GetProperty("tasks").EnumerateArray().Select(t => t.TryGetProperty("message", out var m) ? m.GetString() : null));
        return (outcome, changed, messages);
    }
}
