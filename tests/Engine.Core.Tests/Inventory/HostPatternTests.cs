using Converge.Core.Diagnostics;
using Converge.Core.Inventory;

namespace Converge.Core.Tests.Inventory;

public sealed class HostPatternTests : IDisposable
{
    private readonly TempInventory _files = new();
    private readonly Converge.Core.Inventory.Inventory _inventory;

    public HostPatternTests()
    {
        _files.Write("hosts.ini", """
            solo
            [web]
            web03
            web[01:02]
            [db]
            db2
            db1
            [staging]
            web03
            db2
            [prod:children]
            db
            web
            [other:children]
            staging
            """);
        var diagnostics = new DiagnosticBag();
        _inventory = InventoryLoader.Load([_files.PathOf("hosts.ini")], diagnostics);
        Assert.False(diagnostics.HasErrors);
    }

    public void Dispose() => _files.Dispose();

    // Expected orders are `ansible -i hosts.ini PATTERN --list-hosts` (ansible-core 2.14.18), except for
    // all/* whose third level Ansible walks in Python set order; Converge keeps discovery order there.
    [Theory]
    [InlineData("all", "solo db2 db1 web03 web01 web02")]
    [InlineData("*", "solo db2 db1 web03 web01 web02")]
    [InlineData("web", "web03 web01 web02")]
    [InlineData("prod", "db2 db1 web03 web01 web02")]
    [InlineData("web01", "web01")]
    [InlineData("web:db", "web03 web01 web02 db2 db1")]
    [InlineData("web,db1", "web03 web01 web02 db1")]
    [InlineData("prod:&staging", "db2 web03")]
    [InlineData("prod:!staging", "db1 web01 web02")]
    [InlineData("!staging:prod", "db1 web01 web02")]
    [InlineData("!web", "solo db2 db1")]
    [InlineData("web0*", "web03 web01 web02")]
    [InlineData("web0[!3]", "web01 web02")]
    [InlineData("~db\\d", "db2 db1")]
    [InlineData("web[0]", "web03")]
    [InlineData("web[-1]", "web02")]
    [InlineData("web[1:2]", "web01 web02")]
    [InlineData("prod[1:]", "db1 web03 web01 web02")]
    [InlineData("db:web", "db2 db1 web03 web01 web02")]
    [InlineData("staging", "web03 db2")]
    [InlineData("other", "web03 db2")]
    [InlineData("other:prod", "web03 db2 db1 web01 web02")]
    [InlineData("*b*", "web03 web01 web02 db2 db1")]
    public void Resolve_selects_hosts_as_Ansible_does(string pattern, string expected)
    {
        var hosts = HostPattern.Resolve(pattern, _inventory, out var error);

        Assert.Null(error);
        Assert.Equal(expected.Split(' '), hosts);
    }

    [Fact]
    public void An_unknown_name_is_an_error_naming_near_and_valid_names()
    {
        var hosts = HostPattern.Resolve("webz:db", _inventory, out var error);

        Assert.Empty(hosts);
        Assert.Equal("host pattern 'webz:db': 'webz' matches no host or group; did you mean 'web'? (groups: all, db, other, prod, staging, ungrouped, web)", error);
    }

    [Fact]
    public void Every_unknown_name_is_reported_at_once()
    {
        HostPattern.Resolve("nope:&stagin:!dbb", _inventory, out var error);

        Assert.Equal(
            "host pattern 'nope:&stagin:!dbb': 'nope' matches no host or group (groups: all, db, other, prod, staging, ungrouped, web); "
            + "'stagin' matches no host or group; did you mean 'staging'? (groups: all, db, other, prod, staging, ungrouped, web); "
            + "'dbb' matches no host or group; did you mean 'db' or 'db1' or 'db2'? (groups: all, db, other, prod, staging, ungrouped, web)",
            error);
    }

    [Fact]
    public void An_empty_group_matches_nothing_without_error()
    {
        using var files = new TempInventory();
        files.Write("hosts.ini", "[empty]\n[web]\nw1\n");
        var inventory = InventoryLoader.Load([files.PathOf("hosts.ini")], new DiagnosticBag());

        Assert.Empty(HostPattern.Resolve("empty", inventory, out var error));
        Assert.Null(error);
    }

    [Theory]
    [InlineData("", "the host pattern is empty; use 'all' for every host")]
    [InlineData("web:!", "host pattern 'web:!': '!' must be followed by a host or group name")]
    [InlineData("~web[", "host pattern '~web[': unbalanced brackets in '~web['")]
    [InlineData("db,~web(", "host pattern 'db,~web(': '~web(' is not a valid regular expression: Invalid pattern 'web(' at offset 4. Not enough )'s.")]
    [InlineData("web[0", "host pattern 'web[0': unbalanced brackets in 'web[0'")]
    public void SyntaxError_reports_malformed_patterns(string pattern, string message)
    {
        Assert.Equal(message, HostPattern.SyntaxError(pattern));
    }

    [Fact]
    public void SyntaxError_accepts_well_formed_patterns()
    {
        Assert.Null(HostPattern.SyntaxError("web:&prod:!db[0]:~x.*,all"));
    }
}
