using System.Text.RegularExpressions;
using Converge.Modules;
using Converge.TestKit;

namespace Converge.Modules.Tests.Common;

/// <summary>
/// The registry drives the module checks: every registered module must have an example under
/// <c>playbooks/examples/</c>, a validator and a README section, or the test fails naming the module.
/// A new module cannot slip past a hand-written list.
/// </summary>
public sealed class ModuleCatalogTests
{
    public static TheoryData<string> RegisteredModules() => [.. BuiltinCatalog.Modules().Names.Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(RegisteredModules))]
    public void Every_registered_module_has_an_example_a_validator_and_a_readme_section(string module)
    {
        Assert.True(BuiltinCatalog.Modules().TryGet(module, out var registered), module);
        var example = Path.Combine(RepositoryPaths.Examples, module + ".yml");

        Assert.True(File.Exists(example), $"module '{module}' has no example: {example}");
        Assert.True(Regex.IsMatch(File.ReadAllText(example), $@"^\s*(- )?{Regex.Escape(module)}:", RegexOptions.Multiline), $"the example {example} does not use module '{module}'");
        Assert.True(registered.Validator is not null, $"module '{module}' has no params validator");
        Assert.True(registered.ParamsType.IsSealed, $"the params of module '{module}' are not a sealed record");
        Assert.True(ReadmeModuleHeadings().Any(h => Regex.IsMatch(h, $@"(^|[\s`,]){Regex.Escape(module)}($|[\s`,])")), $"module '{module}' has no section under '## Modules' in README.md");
    }

    /// <summary>The <c>###</c> and <c>####</c> headings of the README's Modules section (families group their modules).</summary>
    private static List<string> ReadmeModuleHeadings()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "README.md"));
        var start = Array.FindIndex(lines, l => l.Trim() == "## Modules");
        Assert.True(start >= 0, "README.md has no '## Modules' section");
        return [.. lines.Skip(start + 1).TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal)).Where(l => l.StartsWith("### ", StringComparison.Ordinal) || l.StartsWith("#### ", StringComparison.Ordinal)).Select(l => l.TrimStart('#')[1..])];
    }
}
