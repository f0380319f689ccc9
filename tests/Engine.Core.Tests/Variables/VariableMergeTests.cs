using Converge.Core.Variables;

namespace Converge.Core.Tests.Variables;

public sealed class VariableMergeTests
{
    [Fact]
    public void Later_layers_replace_keys_whole_including_dictionaries()
    {
        var inventory = new Dictionary<string, object?> { ["a"] = 1L, ["d"] = new Dictionary<string, object?> { ["x"] = 1L, ["y"] = 2L } };
        var play = new Dictionary<string, object?> { ["d"] = new Dictionary<string, object?> { ["z"] = 3L } };
        var extra = new Dictionary<string, object?> { ["a"] = "extra" };

        var merged = VariableMerge.Combine(inventory, play, null, extra);

        Assert.Equal("extra", merged["a"]);
        Assert.Equal(["z"], Assert.IsType<Dictionary<string, object?>>(merged["d"]).Keys);
        Assert.Equal(1L, inventory["a"]);
    }
}
