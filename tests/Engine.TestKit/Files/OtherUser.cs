using System.Text;
using CliWrap;
using CliWrap.Buffered;

namespace Converge.TestKit.Files;

/// <summary>A real unprivileged user (<c>nobody</c>) trying to read a file, as an attacker on the host would.</summary>
public static class OtherUser
{
    /// <summary>True when <c>nobody</c> can read the file (root runs <c>runuser</c>, so this needs root).</summary>
    public static async Task<bool> CanReadAsync(string path)
    {
        var result = await Cli.Wrap("runuser")
            .WithArguments(["-u", "nobody", "--", "cat", "--", path])
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(Encoding.UTF8);
        return result.ExitCode == 0;
    }
}
