using System.Globalization;

namespace Converge.Benchmarks;

/// <summary>
/// The most threads this process had while it was sampled (the <c>Threads:</c> line of /proc/self/status, every
/// 10 ms). Reading one short file costs tens of microseconds, so the sampling adds well under 1% to the CPU it
/// sits beside, the same for every row.
/// </summary>
internal sealed class ThreadCountPeak : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private int _peak;

    private ThreadCountPeak()
    {
        _peak = Current();
        _sampling = SampleAsync(_stop.Token);
    }

    /// <summary>The peak so far.</summary>
    public int Peak => Volatile.Read(ref _peak);

    public static ThreadCountPeak Start() => new();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }

    private async Task SampleAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                var now = Current();
                if (now > _peak)
                {
                    Volatile.Write(ref _peak, now);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed: the row is over.
        }
    }

    private static int Current()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("Threads:", StringComparison.Ordinal));
        return int.Parse(line["Threads:".Length..].Trim(), CultureInfo.InvariantCulture);
    }
}
