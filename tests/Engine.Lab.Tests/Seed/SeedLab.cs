using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Converge.Lab.Tests.Hosts;
using Converge.TestKit;

namespace Converge.Lab.Tests.Seed;

/// <summary>
/// A lab of three mesh hosts and a builder with the seed playbook applied once (the fixture of one
/// variant's end-to-end tests). Every test leaves the lab converged, so the tests may run in any order.
/// </summary>
public abstract class SeedLab : IAsyncLifetime
{
    public const string MeshFile = "/etc/network/interfaces.d/converge-mesh";

    /// <summary>Longest a test waits for one converge run (a first apply takes 1-3 minutes here); past it the test fails with a post-mortem of the lab.</summary>
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(10);

    private readonly string _reports = Directory.CreateTempSubdirectory("converge-seed-").FullName;
    private int _runs;
    private string? _startedReport;

    protected SeedLab(string purpose, string inventory, int mtu)
    {
        Name = TestLabs.Named(purpose);
        Inventory = Path.Combine(RepositoryPaths.Playbooks, "inventories", inventory);
        Mtu = mtu;
    }

    public Lab Lab { get; } = Lab.Default(message => Debug.WriteLine(message));

    public string Name { get; }

    /// <summary>The variant's inventory folder under <c>playbooks/inventories</c>.</summary>
    public string Inventory { get; }

    /// <summary>The MTU of docker0 and the tunnels in this variant.</summary>
    public int Mtu { get; }

    /// <summary>The first apply on the fresh lab (null when the lab could not be started: not root).</summary>
    public SeedRun? FirstApply { get; private set; }

    /// <summary>A console command printing the host's spanning-tree ports (and whether it is the root).</summary>
    public abstract IReadOnlyList<string> SpanningTreeCommand { get; }

    /// <summary>What <see cref="SpanningTreeCommand"/> prints on the root bridge.</summary>
    public abstract string RootMarker { get; }

    /// <summary>What it prints for a port the tree blocks.</summary>
    public abstract string BlockedMarker { get; }

    /// <summary>The protocol, for the recorded outage ("RSTP", "STP").</summary>
    public abstract string Protocol { get; }

    public IReadOnlyList<string> MeshHosts => [.. Lab.Load(Name).Hosts.Where(h => h.Group == "mesh").Select(h => h.Name)];

    public async Task InitializeAsync()
    {
        if (!Environment.IsPrivilegedProcess || !OperatingSystem.IsLinux())
        {
            return;
        }

        await Lab.UpAsync(new LabSpec(Name, Hosts: 3, Builder: true), installMissing: true, CancellationToken.None);
        FirstApply = await ConvergeAsync("apply", "--detailed-exitcode");
    }

    public async Task DisposeAsync()
    {
        if (Lab.Exists(Name))
        {
            await Lab.DownAsync(Name, CancellationToken.None);
        }

        Directory.Delete(_reports, recursive: true);
    }

    /// <summary>Runs the real <c>converge VERB playbooks/docker-mesh.yml</c> on this lab with a JSON report.</summary>
    public async Task<SeedRun> ConvergeAsync(string verb, params string[] extra)
    {
        var report = ReportPath();
        var outcome = await ConvergeProcess.RunWithinAsync([verb, .. Arguments(report), .. extra], RunLimit, () => LabPostMortem.DescribeAsync(Lab, Name));
        return Read(outcome, report);
    }

    /// <summary>Starts <c>converge apply</c> without waiting (for tests that kill or race it); output goes to <paramref name="output"/>.</summary>
    public Process StartApply(string output, params string[] extra)
    {
        _startedReport = ReportPath();
        return ConvergeProcess.Start(["apply", .. Arguments(_startedReport), .. extra], output);
    }

    /// <summary>The outcome of the run <see cref="StartApply"/> started, once it has exited.</summary>
    public SeedRun StartedRun(int exitCode, string output) =>
        Read(new ConvergeOutcome(exitCode, output, ""), _startedReport ?? throw new InvalidOperationException("no run was started"));

    /// <summary>What the mesh looks like on every mesh host, for failure messages.</summary>
    public async Task<string> NetworkStateAsync()
    {
        var text = new StringBuilder();
        foreach (var host in MeshHosts)
        {
            var state = await Machine.RunAsync("nsenter", Lab.ConsoleArguments(Name, host, ["/bin/sh", "-c",
                "cat /proc/sys/kernel/random/boot_id; ip -br addr; ip -br link | grep -v '^veth'; " +
                "ovs-appctl rstp/show br0 2>/dev/null | grep -E 'root|Forwarding|Discarding|Learning'; " +
                "bridge link show 2>/dev/null; ps -eo pid,etime,args | grep -E 'ovs-vswitchd|dockerd' | grep -v grep"]), CancellationToken.None);
            text.Append("--- ").Append(host).Append('\n').Append(state.Stdout).Append(state.Stderr);
        }

        return text.ToString();
    }

    public Task<string> BootIdAsync(string host) => Lab.ConsoleOkAsync(Name, host, "cat", "/proc/sys/kernel/random/boot_id");

    private string ReportPath() => Path.Combine(_reports, $"run-{Interlocked.Increment(ref _runs)}.json");

    private IEnumerable<string> Arguments(string report) =>
        [Path.Combine(RepositoryPaths.Playbooks, "docker-mesh.yml"), "-i", Lab.InventoryFile(Name), "-i", Inventory, "--report", report];

    private static SeedRun Read(ConvergeOutcome outcome, string report)
    {
        Assert.True(File.Exists(report), $"converge wrote no report:\n{outcome}");
        return new SeedRun(outcome, JsonDocument.Parse(File.ReadAllText(report)).RootElement.Clone());
    }
}
