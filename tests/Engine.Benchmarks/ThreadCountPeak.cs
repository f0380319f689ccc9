using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Converge.Benchmarks;

/// <summary>
/// The most threads this process had while it was sampled: field 20 of /proc/self/stat, read every 10 ms with one
/// pread(2) into a buffer kept for the purpose, so the sampling adds a few microseconds per sample and nothing to
/// the garbage it sits beside.
/// </summary>
internal sealed class ThreadCountPeak : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly SafeFileHandle _stat = File.OpenHandle("/proc/self/stat");
    private readonly byte[] _buffer = new byte[4096];
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
        _stat.Dispose();
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

    /// <summary>num_threads, the 18th field after the command name's closing parenthesis (proc(5)).</summary>
    private int Current()
    {
        var text = _buffer.AsSpan(0, RandomAccess.Read(_stat, _buffer, 0));
        var rest = text[(text.LastIndexOf((byte)')') + 2)..];
        for (var field = 3; field < 20; field++)
        {
            rest = rest[(rest.IndexOf((byte)' ') + 1)..];
        }

        var threads = 0;
        foreach (var digit in rest[..rest.IndexOf((byte)' ')])
        {
            threads = (threads * 10) + digit - '0';
        }

        return threads;
    }
}
