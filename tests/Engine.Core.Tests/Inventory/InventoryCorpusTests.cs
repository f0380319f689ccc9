using Converge.Core.Diagnostics;
using Converge.Core.Inventory;
using Converge.TestKit;

namespace Converge.Core.Tests.Inventory;

/// <summary>
/// Converge's inventory output against recordings of the real <c>ansible-inventory</c> 2.14 on the same
/// files (see Corpus/README.md; Corpus/record.sh re-records them).
/// </summary>
public sealed class InventoryCorpusTests
{
    private static readonly string Corpus = Path.Combine(RepositoryPaths.Root, "tests", "Engine.Core.Tests", "Inventory", "Corpus");

    public static TheoryData<string> Cases() => new(CaseNames());

    private static List<string> CaseNames() => [.. Directory.GetDirectories(Corpus)
        .Where(d => File.Exists(Path.Combine(d, "sources.txt")))
        .Select(Path.GetFileName)
        .OfType<string>()
        .Order(StringComparer.Ordinal)];

    public static TheoryData<string, string> HostCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var name in CaseNames())
        {
            foreach (var file in Directory.GetFiles(Path.Combine(Corpus, name), "host-*.json").Order(StringComparer.Ordinal))
            {
                data.Add(name, Path.GetFileNameWithoutExtension(file)["host-".Length..]);
            }
        }

        return data;
    }

    [Fact]
    public void The_corpus_has_every_kind_of_case()
    {
        Assert.True(CaseNames().Count >= 6, "the corpus lost cases");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void List_agrees_with_ansible_inventory(string name)
    {
        var inventory = Load(name);

        var differences = JsonSemantic.Differences(File.ReadAllText(Path.Combine(Corpus, name, "list.json")), InventoryJson.List(inventory));

        Assert.True(differences.Count == 0, $"{name}: converge inventory --list differs from ansible-inventory --list:\n" + string.Join("\n", differences));
    }

    [Theory]
    [MemberData(nameof(HostCases))]
    public void Host_agrees_with_ansible_inventory(string name, string host)
    {
        var inventory = Load(name);

        var differences = JsonSemantic.Differences(File.ReadAllText(Path.Combine(Corpus, name, $"host-{host}.json")), InventoryJson.Host(inventory, host));

        Assert.True(differences.Count == 0, $"{name}: converge inventory --host {host} differs:\n" + string.Join("\n", differences));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void List_is_byte_identical_to_ansible_inventory(string name)
    {
        var inventory = Load(name);

        Assert.Equal(File.ReadAllText(Path.Combine(Corpus, name, "list.json")).TrimEnd('\n'), InventoryJson.List(inventory));
    }

    public static TheoryData<string> PlaybookInventories()
    {
        var root = Path.Combine(RepositoryPaths.Playbooks, "inventories");
        var environments = Directory.Exists(root)
            ? Directory.GetDirectories(root).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList()
            : [];

        // xunit needs at least one row; "-" stands for "no environments yet".
        return new(environments.Count == 0 ? ["-"] : environments);
    }

    [Theory]
    [MemberData(nameof(PlaybookInventories))]
    public void The_repository_inventories_agree_with_ansible_inventory(string environment)
    {
        if (environment == "-")
        {
            return;
        }

        var recording = Path.Combine(Corpus, "playbooks-inventories", $"{environment}.list.json");
        Assert.True(File.Exists(recording), $"no recording for playbooks/inventories/{environment}: run tests/Engine.Core.Tests/Inventory/Corpus/record.sh");
        var diagnostics = new DiagnosticBag();
        var inventory = InventoryLoader.Load([Path.Combine(RepositoryPaths.Playbooks, "inventories", environment)], diagnostics);
        Assert.False(diagnostics.HasErrors, DiagnosticFormatter.Format(diagnostics.Items));

        var differences = JsonSemantic.Differences(File.ReadAllText(recording), InventoryJson.List(inventory));

        Assert.True(differences.Count == 0, $"playbooks/inventories/{environment} differs from ansible-inventory --list:\n" + string.Join("\n", differences));
    }

    private static Converge.Core.Inventory.Inventory Load(string name)
    {
        var sources = File.ReadAllLines(Path.Combine(Corpus, name, "sources.txt"))
            .Where(l => l.Length > 0)
            .Select(l => Path.Combine(Corpus, name, "inventory", l))
            .ToList();
        var diagnostics = new DiagnosticBag();
        var inventory = InventoryLoader.Load(sources, diagnostics);
        Assert.False(diagnostics.HasErrors, DiagnosticFormatter.Format(diagnostics.Items));
        return inventory;
    }
}
