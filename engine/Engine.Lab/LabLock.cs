namespace Converge.Lab;

/// <summary>
/// An exclusive lock between processes on a lock file (.NET takes an advisory flock(2) for
/// FileShare.None on Unix), held until disposed. Serialises image builds and address allocation.
/// </summary>
public sealed class LabLock : IDisposable
{
    private readonly FileStream _stream;

    private LabLock(FileStream stream) => _stream = stream;

    public static async Task<LabLock> AcquireAsync(string path, TimeSpan timeout, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return new LabLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200, ct);
            }
        }
    }

    public void Dispose() => _stream.Dispose();
}
