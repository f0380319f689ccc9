using System.Globalization;
using System.Text.RegularExpressions;
using Converge.TestKit.Sshd;

namespace Converge.Benchmarks;

/// <summary>
/// Converge side by side with Ansible (issue 14): one playbook and one inventory, run unchanged by both, against
/// N loopback hosts logged in as a fresh user, interleaved run by run (first apply, no-op rerun, check), so both
/// tools see the same machine load. Ansible is tuned: pipelining, ControlPersist, forks = N, no fact gathering
/// (the playbook sets <c>gather_facts: false</c>, which both tools read), and cold ssh masters before each run
/// (a fresh control directory; the masters of a run are measured and stopped after it). Each first apply starts
/// from empty host folders.
/// </summary>
public static partial class VersusAnsibleBenchmark
{
    /// <summary>Six tasks per host without templates, so it means the same to both tools (only <c>{{ var }}</c>).</summary>
    private const string Playbook = """
        - name: Converge hosts over SSH
          hosts: all
          gather_facts: false
          tasks:
            - name: Application directories
              file:
                path: "{{ root }}/etc/app"
                state: directory
                mode: "0755"

            - name: Application config from files/
              copy:
                src: app.conf
                dest: "{{ root }}/etc/app/app.conf"
                mode: "0644"
              notify: restart app

            - name: Settings
              copy:
                content: "[app]\nname = {{ inventory_hostname }}\nport = {{ app_port }}\n"
                dest: "{{ root }}/etc/app/settings.ini"
                mode: "0644"
              notify: restart app

            - name: Message of the day
              copy:
                content: "Welcome to {{ inventory_hostname }}.\n"
                dest: "{{ root }}/etc/motd"
                mode: "0644"

            - name: Initialize once
              command:
                cmd: touch initialized
                chdir: "{{ root }}"
                creates: initialized

          handlers:
            - name: restart app
              command:
                cmd: touch restarted
                chdir: "{{ root }}"

        """;

    public static async Task<int> RunAsync(BenchmarkOptions options, TextWriter output)
    {
        if (SshdRequirements.MissingReason is { } reason)
        {
            await output.WriteLineAsync("benchmark: " + reason);
            return 1;
        }

        if (!File.Exists("/usr/bin/ansible-playbook"))
        {
            await output.WriteLineAsync("installing Debian's ansible: apt-get install -y ansible");
            var install = await ToolRun.MeasureAsync("apt-get", ["install", "-y", "-q", "ansible"], new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" });
            if (install.Exit != 0)
            {
                await output.WriteLineAsync("benchmark: installing ansible failed:\n" + install.Log);
                return 1;
            }
        }

        var converge = options.Converge is { } given ? SshBenchmark.Entry(given) : await SshBenchmark.PublishAsync(output);
        if (converge is null)
        {
            return 1;
        }

        var counts = options.HostCounts;
        await using var server = await SshServer.StartAsync(counts.Max());
        using var meter = HostsCpuMeter.Start(server);
        await using var users = await SshTestUsers.CreateAsync();
        var login = users.NoPasswordUser;
        await output.WriteLineAsync($"converge: {converge}; {(await ToolRun.MeasureAsync("ansible-playbook", ["--version"])).Log.Split('\n')[0]}");
        await output.WriteLineAsync($"sshd on {server.Addresses[0]}-{server.Addresses[^1]}:{server.Port}; {Environment.ProcessorCount} cores; process spawn {ProcessSpawn.Milliseconds():0.0} ms; hosts' CPU from {meter.Method}; login as {login}");
        await output.WriteLineAsync("hosts  run          tool       exit  changed  wall s  ctl cpu s  hosts cpu s  peak MB  load  Ansible/Converge wall  cpu");
        var failed = false;
        foreach (var hosts in counts)
        {
            var asUser = new Dictionary<string, object> { ["ansible_user"] = login };
            using var workspace = SshWorkspace.Create(server, hosts, Enumerable.Range(0, hosts).ToDictionary(i => i, _ => (IReadOnlyDictionary<string, object>)asUser), Playbook);
            await workspace.GiveToAsync(login);
            var config = WriteAnsibleConfig(workspace, server);
            foreach (var run in new[] { "first apply", "no-op rerun", "check" })
            {
                var ansible = await MeasureAnsibleAsync(run, hosts, workspace, meter, config, login);
                var ours = await MeasureConvergeAsync(run, converge, workspace, server, meter, login);
                foreach (var (tool, result) in new[] { ("ansible", ansible), ("converge", ours) })
                {
                    // The CPU ratio (controller + hosts) does not depend on how busy the shared machine is; the wall ratio does.
                    var ratio = tool == "converge"
                        ? string.Create(CultureInfo.InvariantCulture, $"{ansible.Run.Wall / ours.Run.Wall,20:0.0}x  {(ansible.Run.Cpu + ansible.HostsCpu) / (ours.Run.Cpu + ours.HostsCpu):0.0}x")
                        : string.Empty;
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{hosts,5}  {run,-11}  {tool,-9}  {result.Run.Exit,4}  {result.Changed,7}  {result.Run.Wall.TotalSeconds,6:0.00}  {result.Run.Cpu.TotalSeconds,9:0.00}  {result.HostsCpu.TotalSeconds,11:0.00}  {result.Run.PeakKilobytes / 1024.0,7:0}  {result.Load,4:0.0}  {ratio}"));
                    var expected = run == "first apply" ? result.Changed > 0 : result.Changed == 0;
                    if (!expected || result.Run.Exit is not (0 or 2))
                    {
                        failed = true;
                        await output.WriteLineAsync($"unexpected result of {tool}'s {run}:\n{result.Run.Log}");
                    }
                }
            }
        }

        await output.WriteLineAsync("targets: no-op and check >= 50x, first apply >= 30x Ansible's wall time at N = 25 and 50 (cpu: controller + hosts CPU, Ansible / Converge)");
        return failed ? 1 : 0;
    }

    private static async Task<Measured> MeasureAnsibleAsync(string run, int hosts, SshWorkspace workspace, HostsCpuMeter meter, string config, string login)
    {
        if (run == "first apply")
        {
            await EmptyHostFoldersAsync(workspace, login);
        }

        // Cold masters: a fresh control directory per run, so no connection of an earlier run is reused.
        var controlDirectory = Directory.CreateTempSubdirectory("converge-bench-cp-").FullName;
        string[] arguments = ["-i", workspace.Inventory, workspace.Playbook, "-f", hosts.ToString(CultureInfo.InvariantCulture), .. run == "check" ? new[] { "--check", "--diff" } : []];
        var environment = new Dictionary<string, string> { ["ANSIBLE_CONFIG"] = config, ["ANSIBLE_SSH_CONTROL_PATH_DIR"] = controlDirectory };
        await SshBenchmark.SettleBeforeTimedRunAsync();
        var load = SshBenchmark.LoadAverage();
        var ((result, mastersCpu), hostsCpu) = await meter.MeasureAsync(async () =>
        {
            var run = await ToolRun.MeasureAsync("ansible-playbook", arguments, environment);

            // The ControlPersist masters left the process tree (ssh daemonizes them), so their CPU is read before they are stopped.
            return (run, StopMasters(controlDirectory));
        });
        Directory.Delete(controlDirectory, recursive: true);
        var changed = AnsibleRecap().Matches(result.Log).Sum(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
        return new Measured(result with { Cpu = result.Cpu + mastersCpu }, changed, hostsCpu, load);
    }

    private static async Task<Measured> MeasureConvergeAsync(string run, string converge, SshWorkspace workspace, SshServer server, HostsCpuMeter meter, string login)
    {
        if (run == "first apply")
        {
            await EmptyHostFoldersAsync(workspace, login);
        }

        var arguments = run switch
        {
            "first apply" => workspace.Arguments("apply", server, "--detailed-exitcode"),
            "no-op rerun" => workspace.Arguments("apply", server, "--detailed-exitcode"),
            _ => workspace.Arguments("check", server),
        };
        await SshBenchmark.SettleBeforeTimedRunAsync();
        var load = SshBenchmark.LoadAverage();
        var (result, hostsCpu) = await meter.MeasureAsync(() => ToolRun.MeasureAsync(converge, arguments));

        // --detailed-exitcode: 2 means something changed (or would change, for check).
        return new Measured(result, result.Exit == 2 ? 1 : 0, hostsCpu, load);
    }

    private static string WriteAnsibleConfig(SshWorkspace workspace, SshServer server)
    {
        // Outside the workspace, so Converge never sees it; Ansible reads it through ANSIBLE_CONFIG.
        var path = Path.Combine(workspace.Directory + "-ansible.cfg");
        File.WriteAllText(path, $"""
            [defaults]
            host_key_checking = True
            interpreter_python = /usr/bin/python3
            retry_files_enabled = False

            [ssh_connection]
            pipelining = True
            ssh_args = -o ControlMaster=auto -o ControlPersist=60s -o UserKnownHostsFile={server.KnownHostsFile} -o StrictHostKeyChecking=yes

            """);
        return path;
    }

    private static async Task EmptyHostFoldersAsync(SshWorkspace workspace, string login)
    {
        foreach (var root in workspace.HostRoots)
        {
            Directory.Delete(root, recursive: true);
            Directory.CreateDirectory(root);
        }

        await workspace.GiveToAsync(login);
    }

    /// <summary>Sums the CPU of the ssh masters that use <paramref name="controlDirectory"/> and stops them (they were started by this run).</summary>
    private static TimeSpan StopMasters(string controlDirectory)
    {
        long ticks = 0;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            try
            {
                var commandLine = File.ReadAllText(Path.Combine(directory, "cmdline"));
                // A master renames itself "ssh: CONTROL-PATH [mux]".
                if (!commandLine.StartsWith("ssh", StringComparison.Ordinal) || !commandLine.Contains(controlDirectory, StringComparison.Ordinal))
                {
                    continue;
                }

                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                ticks += Enumerable.Range(11, 4).Sum(i => long.Parse(fields[i], CultureInfo.InvariantCulture));
                System.Diagnostics.Process.GetProcessById(pid).Kill();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
            {
                // It ended on its own meanwhile.
            }
        }

        return TimeSpan.FromSeconds(ticks / 100.0);
    }

    [GeneratedRegex(@"^\S+\s+:\s+ok=\d+\s+changed=(\d+)", RegexOptions.Multiline)]
    private static partial Regex AnsibleRecap();

    private sealed record Measured(ToolRun Run, int Changed, TimeSpan HostsCpu, double Load);
}
