using Converge.TestKit;

namespace Converge.Core.Tests.Inventory;

/// <summary>The real <c>converge inventory</c> entry point, as a user runs it.</summary>
public sealed class InventoryCommandTests
{
    private static readonly string Corpus = Path.Combine(RepositoryPaths.Root, "tests", "Engine.Core.Tests", "Inventory", "Corpus");

    [Fact]
    public async Task I_can_list_an_inventory_like_ansible_inventory()
    {
        var outcome = await ConvergeProcess.RunAsync("inventory", "-i", Path.Combine(Corpus, "ini-basic", "inventory", "hosts"), "--list");

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Equal(File.ReadAllText(Path.Combine(Corpus, "ini-basic", "list.json")), outcome.Stdout);
    }

    [Fact]
    public async Task I_can_merge_several_inventories_and_show_one_host()
    {
        var sources = Path.Combine(Corpus, "multiple-sources", "inventory");

        var outcome = await ConvergeProcess.RunAsync(
            "inventory", "-i", Path.Combine(sources, "first", "hosts.ini"), "-i", Path.Combine(sources, "second"), "--inventory", Path.Combine(sources, "third.ini"), "--host", "web01");

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Equal(File.ReadAllText(Path.Combine(Corpus, "multiple-sources", "host-web01.json")), outcome.Stdout);
    }

    [Fact]
    public async Task A_broken_inventory_exits_1_with_every_diagnostic()
    {
        using var files = new TempInventory();
        files.Write("a.yml", "all:\n  hostz:\n");
        files.Write("b.ini", "[web]\nweb[1:x]\n");

        var outcome = await ConvergeProcess.RunAsync("inventory", "-i", files.PathOf("a.yml"), "-i", files.PathOf("b.ini"), "--list");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Empty(outcome.Stdout);
        Assert.Contains($"{files.PathOf("a.yml")}:2:3: error: unknown key 'hostz' in group 'all'; did you mean 'hosts'?", outcome.Stderr, StringComparison.Ordinal);
        Assert.Contains($"{files.PathOf("b.ini")}:2:1: error: host range '[1:x]' is invalid", outcome.Stderr, StringComparison.Ordinal);
        Assert.Contains("2 errors", outcome.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_host_exits_1_and_suggests_a_near_one()
    {
        var outcome = await ConvergeProcess.RunAsync("inventory", "-i", Path.Combine(Corpus, "ini-basic", "inventory", "hosts"), "--host", "web1");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("unknown host 'web1'; did you mean", outcome.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_or_host_is_required()
    {
        var outcome = await ConvergeProcess.RunAsync("inventory", "-i", Path.Combine(Corpus, "ini-basic", "inventory", "hosts"));

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("give exactly one of --list or --host HOST", outcome.Stderr, StringComparison.Ordinal);
    }
}
