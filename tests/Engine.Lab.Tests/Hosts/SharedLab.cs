using System.Diagnostics;

namespace Converge.Lab.Tests.Hosts;

/// <summary>
/// One lab of three mesh hosts for the tests that only use hosts (ssh, isolation, reboot). Bringing
/// it up builds the image when the cache lacks it: once per CI run when the cache directory
/// (CONVERGE_LAB_CACHE) is kept between jobs, once per machine otherwise.
/// </summary>
public sealed class SharedLab : IAsyncLifetime
{
    public static readonly string Name = TestLabs.Named("shared");

    public Lab Lab { get; } = Lab.Default(message => Debug.WriteLine(message));

    public LabState? State { get; private set; }

    public TimeSpan UpTime { get; private set; }

    public async Task InitializeAsync()
    {
        if (!Environment.IsPrivilegedProcess || !OperatingSystem.IsLinux())
        {
            return;
        }

        await DownLabsOfKilledRunsAsync();

        // The image first, so the timing of `up` below is the hosts' alone.
        await new LabImage(Lab.Paths, LabImageRecipe.Default(DebianMirror.Find())).EnsureAsync(_ => { }, CancellationToken.None);
        var clock = Stopwatch.StartNew();
        State = await Lab.UpAsync(new LabSpec(Name, Hosts: 3), installMissing: true, CancellationToken.None);
        UpTime = clock.Elapsed;
    }

    /// <summary>
    /// A test run killed before its fixture's teardown leaves its labs running (their supervisors
    /// are detached by design); the next run removes the test labs whose creating process is gone.
    /// </summary>
    private async Task DownLabsOfKilledRunsAsync()
    {
        foreach (var name in Lab.Names().Where(TestLabs.IsTestLab))
        {
            if (Lab.Load(name).CreatorPid is { } pid && !Machine.IsRunning(pid))
            {
                await Lab.DownAsync(name, CancellationToken.None);
            }
        }
    }

    public async Task DisposeAsync()
    {
        if (State is not null)
        {
            await Lab.DownAsync(Name, CancellationToken.None);
        }
    }
}
