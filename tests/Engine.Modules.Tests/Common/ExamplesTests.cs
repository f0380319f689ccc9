using Converge.Core.Templates;
using Converge.TestKit;

namespace Converge.Modules.Tests.Common;

/// <summary>The module examples exist and the example template renders with the example's variables.</summary>
public sealed class ExamplesTests
{
    [Theory]
    [InlineData("file")]
    [InlineData("template")]
    [InlineData("copy")]
    [InlineData("command")]
    [InlineData("shell")]
    [InlineData("line")]
    [InlineData("assert")]
    [InlineData("service")]
    [InlineData("apt")]
    [InlineData("package")]
    [InlineData("lineinfile")]
    [InlineData("blockinfile")]
    [InlineData("replace")]
    [InlineData("stat")]
    public void Every_module_has_an_example_that_stays_under_example_root(string module)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Examples, module + ".yml"));

        Assert.Contains($"{module}:", text, StringComparison.Ordinal);
        Assert.Contains("example_root: /tmp/converge-examples", text, StringComparison.Ordinal);
        Assert.DoesNotContain("path: /", text, StringComparison.Ordinal);
        Assert.DoesNotContain("dest: /", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_example_template_renders_with_the_example_variables()
    {
        var source = File.ReadAllText(Path.Combine(RepositoryPaths.Examples, "templates", "motd.j2"));
        var variables = new Dictionary<string, object?>
        {
            ["site"] = "example",
            ["maintenance"] = "Sundays 02:00-04:00 UTC",
            ["peers"] = new List<object?>
            {
                new Dictionary<string, object?> { ["name"] = "alpha", ["address"] = "192.0.2.10" },
                new Dictionary<string, object?> { ["name"] = "beta", ["address"] = "192.0.2.11" },
            },
        };

        var text = new TemplateEngine().Render(source, variables);

        Assert.Equal(
            "Welcome to example.\nMaintenance window: Sundays 02:00-04:00 UTC\nPeers:\n  - alpha (192.0.2.10)\n  - beta (192.0.2.11)\n",
            text);
    }
}
