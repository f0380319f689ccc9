using Converge.Modules.Common;

namespace Converge.Modules.Tests.Files;

public sealed class FileModesTests
{
    [Theory]
    [InlineData("0644", 0b000_000_000, false, "0644")]
    [InlineData("755", 0b000_000_000, false, "0755")]
    [InlineData("2775", 0b000_000_000, true, "02775")]
    [InlineData("u=rw,g=r,o=r", 0b111_111_111, false, "0644")]
    [InlineData("a+x", 0b110_100_100, false, "0755")]
    [InlineData("go-w", 0b111_111_111, false, "0755")]
    [InlineData("u=rwX,go=rX", 0b110_000_000, true, "0755")]
    [InlineData("u=rwX,go=rX", 0b110_000_000, false, "0644")]
    [InlineData("+t", 0b111_111_111, true, "01777")]
    public void Resolve_AppliesOctalAndSymbolicModes(string spec, int current, bool isDirectory, string expected)
    {
        Assert.Equal(expected, FileModes.Format(FileModes.Resolve(spec, current, isDirectory)));
    }

    [Theory]
    [InlineData("0644", true)]
    [InlineData("2775", true)]
    [InlineData("644", false)]
    [InlineData("420", false)]
    [InlineData("a+x", true)]
    [InlineData("rw-r--r--", false)]
    [InlineData("0888", false)]
    [InlineData("u=rw,x", false)]
    [InlineData("", false)]
    public void IsValid_AcceptsOnlyChmodSyntax(string spec, bool valid)
    {
        Assert.Equal(valid, FileModes.IsValid(spec));
    }
}
