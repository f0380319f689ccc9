using Converge.Core.Yaml;

namespace Converge.Core.Tests.Yaml;

public sealed class YamlValuesTests
{
    [Theory]
    [InlineData("yes", true)]
    [InlineData("Off", false)]
    [InlineData("0644", 420L)]
    [InlineData("0x1F", 31L)]
    [InlineData("1_000", 1000L)]
    [InlineData("1.5", 1.5)]
    [InlineData("~", null)]
    [InlineData("y", "y")]
    [InlineData("1.1.1.1", "1.1.1.1")]
    [InlineData("172.17.64.0/18", "172.17.64.0/18")]
    public void Plain_scalars_resolve_as_PyYAML_does(string text, object? expected) =>
        Assert.Equal(expected, YamlValues.Resolve(text));
}
