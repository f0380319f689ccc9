using Converge.Modules.Command;

namespace Converge.Modules.Tests.Command;

public sealed class CommandLineWordsTests
{
    [Theory]
    [InlineData("echo hi", new[] { "echo", "hi" })]
    [InlineData("  a   b  ", new[] { "a", "b" })]
    [InlineData("echo 'a  b' \"c d\"", new[] { "echo", "a  b", "c d" })]
    [InlineData("echo \"say \\\"hi\\\" \\$x \\n\"", new[] { "echo", "say \"hi\" $x \\n" })]
    [InlineData("echo a\\ b \\'", new[] { "echo", "a b", "'" })]
    [InlineData("echo ''", new[] { "echo", "" })]
    [InlineData("pre'fix'\"ed\"", new[] { "prefixed" })]
    [InlineData("echo $HOME *", new[] { "echo", "$HOME", "*" })]
    public void Split_SplitsLikeAPosixShellWithoutExpansions(string line, string[] expected)
    {
        Assert.Equal(expected, CommandLineWords.Split(line));
    }

    [Fact]
    public void TrySplit_UnterminatedQuote_SaysWhich()
    {
        Assert.False(CommandLineWords.TrySplit("echo \"open", out _, out var error));
        Assert.Equal("unterminated double quote", error);
    }
}
