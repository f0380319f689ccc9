namespace Converge.Benchmarks;

/// <summary>This machine's process creation cost, printed beside the figures (it differs 2–3× between machines).</summary>
internal static class ProcessSpawn
{
    /// <summary>Milliseconds to start and reap <c>/bin/true</c>, averaged over twenty.</summary>
    public static double Milliseconds()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 20; i++)
        {
            using var process = System.Diagnostics.Process.Start("/bin/true")!;
            process.WaitForExit();
        }

        return clock.Elapsed.TotalMilliseconds / 20;
    }
}
