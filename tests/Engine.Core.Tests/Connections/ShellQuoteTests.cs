using Converge.Core.Connections;

namespace Converge.Core.Tests.Connections;

public sealed class ShellQuoteTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("", "''")]
    [InlineData("two words", "'two words'")]
    [InlineData("it's", "'it'\"'\"'s'")]
    [InlineData("$(reboot)", "'$(reboot)'")]
    public void Quote_protects_every_special_character(string word, string expected) =>
        Assert.Equal(expected, ShellQuote.Quote(word));

    [Fact]
    public async Task A_quoted_line_reaches_the_program_unchanged()
    {
        string[] words = ["printf", "%s|", "a b", "it's", "$HOME", "`id`", "*"];

        var result = await new LocalConnection("localhost").RunAsync(CommandSpec.Probe("/bin/sh", "-c", ShellQuote.Join(words)), default);

        Assert.Equal("a b|it's|$HOME|`id`|*|", result.Stdout);
    }
}
