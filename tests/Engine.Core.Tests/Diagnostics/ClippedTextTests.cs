using Converge.Core.Diagnostics;

namespace Converge.Core.Tests.Diagnostics;

public sealed class ClippedTextTests
{
    [Fact]
    public void A_failed_command_with_a_huge_argument_list_is_echoed_clipped_and_says_how_much_was_cut()
    {
        var command = "/bin/echo " + new string('x', 20 * 1024 * 1024) + " last-argument";

        var failure = new TaskFailedException($"command failed: {command}", command, 1);

        Assert.True(failure.Command!.Length < 5_000, $"{failure.Command.Length} characters");
        Assert.StartsWith("/bin/echo xxx", failure.Command);
        Assert.EndsWith("last-argument", failure.Command);
        Assert.Contains($"[... {command.Length - ClippedText.MaxLength} characters cut ...]", failure.Command);
        Assert.True(failure.Message.Length < 5_000);
    }

    [Fact]
    public void Short_text_is_kept_whole() =>
        Assert.Equal("ls -l", ClippedText.Clip("ls -l"));
}
