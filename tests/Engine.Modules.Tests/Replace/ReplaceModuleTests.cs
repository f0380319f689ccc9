using Converge.Modules.Replace;
using Converge.Modules.Tests.Common;

namespace Converge.Modules.Tests.Replace;

public sealed class ReplaceModuleTests : IDisposable
{
    private readonly ModuleTestHost _host = new();
    private readonly ReplaceModule _module = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Every_match_is_replaced_with_its_groups_then_in_sync()
    {
        var path = _host.PathOf("hosts");
        await File.WriteAllTextAsync(path, "old.example.com a\nx old.example.com\nold.example.org\n");
        var parameters = new ReplaceParams { Path = path, Regexp = @"(\s|^)old\.example\.com(\s|$)", Replace = @"\1new.example.com\2" };

        var plan = await _host.CheckAsync(_module, parameters);
        await _host.ConvergeAsync(_module, parameters);
        var again = await _host.CheckAsync(_module, parameters);

        Assert.True(plan.IsDrift);
        Assert.Equal("new.example.com a\nx new.example.com\nold.example.org\n", await File.ReadAllTextAsync(path));
        Assert.False(again.IsDrift, again.Reason);
    }

    [Fact]
    public void After_and_before_limit_the_section()
    {
        var (text, count) = ReplaceEdit.Apply("a=1\n[s]\na=1\n[t]\na=1\n", new ReplaceParams { Path = "/x", Regexp = "^a=1$", Replace = "a=2", After = @"\[s\]", Before = @"\[t\]" });

        Assert.Equal(("a=1\n[s]\na=2\n[t]\na=1\n", 1), (text, count));
    }
}
