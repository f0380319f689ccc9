using System.Text;
using CliWrap;
using CliWrap.Buffered;

namespace Converge.TestKit.Files;

/// <summary>
/// A named pipe as an upload's source: the upload blocks until the test writes into it, so the test can look
/// at the half-done write (its temp file) at leisure, with no race.
/// </summary>
public static class Fifo
{
    public static async Task<string> CreateAsync(string path)
    {
        var result = await Cli.Wrap("mkfifo").WithArguments(["-m", "600", "--", path]).WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(Encoding.UTF8);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"mkfifo {path}: {result.StandardError}");
        }

        return path;
    }

    /// <summary>Waits until a file whose name starts with <paramref name="prefix"/> appears in <paramref name="directory"/>.</summary>
    public static async Task<string> WaitForFileAsync(string directory, string prefix, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var found = Directory.GetFiles(directory).FirstOrDefault(f => Path.GetFileName(f).StartsWith(prefix, StringComparison.Ordinal));
            if (found is not null)
            {
                return found;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"no file {prefix}* appeared in {directory} within {timeout}");
    }
}
