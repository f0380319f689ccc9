using Converge.Core.Diagnostics;
using Converge.Core.Inventory;

namespace Converge.Core.Tests.Inventory;

public sealed class InventoryPrecedenceTests
{
    private static Converge.Core.Inventory.Inventory Load(TempInventory files, params string[] sources)
    {
        var diagnostics = new DiagnosticBag();
        var inventory = InventoryLoader.Load([.. sources.Select(files.PathOf)], diagnostics);
        Assert.False(diagnostics.HasErrors, DiagnosticFormatter.Format(diagnostics.Items));
        return inventory;
    }

    [Fact]
    public void A_child_group_overrides_its_parent_which_overrides_all()
    {
        using var files = new TempInventory();
        files.Write("hosts.yml", """
            all:
              vars: {v: all, only_all: 1}
              children:
                parent:
                  vars: {v: parent, only_parent: 2}
                  children:
                    child:
                      vars: {v: child}
                      hosts:
                        h1:
            """);

        var inventory = Load(files, "hosts.yml");

        Assert.Equal("child", inventory.VariablesOf("h1")["v"]);
        Assert.Equal(1L, inventory.VariablesOf("h1")["only_all"]);
        Assert.Equal(2L, inventory.VariablesOf("h1")["only_parent"]);
    }

    [Fact]
    public void Siblings_of_the_same_depth_apply_in_name_order_so_the_last_name_wins()
    {
        using var files = new TempInventory();
        files.Write("hosts.ini", "[zeta]\nh1\n[alpha]\nh1\n[zeta:vars]\nv=zeta\n[alpha:vars]\nv=alpha\n");

        var inventory = Load(files, "hosts.ini");

        Assert.Equal("zeta", inventory.VariablesOf("h1")["v"]);
    }

    [Fact]
    public void Group_priority_beats_name_order_among_siblings()
    {
        using var files = new TempInventory();
        files.Write("hosts.ini", "[zeta]\nh1\n[alpha]\nh1\n[zeta:vars]\nv=zeta\n[alpha:vars]\nv=alpha\nansible_group_priority=10\n");

        var inventory = Load(files, "hosts.ini");

        Assert.Equal("alpha", inventory.VariablesOf("h1")["v"]);
        Assert.False(inventory.VariablesOf("h1").ContainsKey("ansible_group_priority"));
    }

    [Fact]
    public void Host_vars_beat_group_vars_and_host_vars_files_beat_inline_host_vars()
    {
        using var files = new TempInventory();
        files.Write("hosts.ini", "[web]\nh1 v=inline w=inline\n[web:vars]\nv=group\nw=group\nx=group\n");
        files.Write("host_vars/h1.yml", "w: file\n");

        var inventory = Load(files, "hosts.ini");

        Assert.Equal("inline", inventory.VariablesOf("h1")["v"]);
        Assert.Equal("file", inventory.VariablesOf("h1")["w"]);
        Assert.Equal("group", inventory.VariablesOf("h1")["x"]);
    }

    [Fact]
    public void A_group_vars_file_beats_every_inline_group_var_as_in_Ansible()
    {
        using var files = new TempInventory();
        files.Write("hosts.ini", "[web]\nh1\n[web:vars]\nv=web_inline\n");
        files.Write("group_vars/all.yml", "v: all_file\n");

        var inventory = Load(files, "hosts.ini");

        Assert.Equal("all_file", inventory.VariablesOf("h1")["v"]);
    }

    [Fact]
    public void Dictionaries_are_replaced_not_merged()
    {
        using var files = new TempInventory();
        files.Write("hosts.yml", "all:\n  vars:\n    d: {a: 1, b: 2}\n  children:\n    web:\n      vars:\n        d: {c: 3}\n      hosts:\n        h1:\n");

        var inventory = Load(files, "hosts.yml");

        var d = Assert.IsType<Dictionary<string, object?>>(inventory.VariablesOf("h1")["d"]);
        Assert.Equal(["c"], d.Keys);
    }

    [Fact]
    public void Group_vars_directories_merge_their_files_in_lexical_order()
    {
        using var files = new TempInventory();
        files.Write("hosts.ini", "[web]\nh1\n");
        files.Write("group_vars/web/b.yml", "v: b\nonly_b: true\n");
        files.Write("group_vars/web/a.yml", "v: a\nonly_a: true\n");
        files.Write("group_vars/web/c.yml~", "v: backup\n");

        var inventory = Load(files, "hosts.ini");

        Assert.Equal("b", inventory.VariablesOf("h1")["v"]);
        Assert.Equal(true, inventory.VariablesOf("h1")["only_a"]);
        Assert.Equal(true, inventory.VariablesOf("h1")["only_b"]);
    }

    [Fact]
    public void The_origin_of_each_winning_value_is_its_file_line_and_column()
    {
        using var files = new TempInventory();
        files.Write("hosts.ini", "[web]\nh1   v=inline\n[web:vars]\nw=group\n");
        files.Write("group_vars/web.yml", "# comment\n  x: file\n");

        var inventory = Load(files, "hosts.ini");

        Assert.Equal(new SourceSpan(files.PathOf("hosts.ini"), 2, 6), inventory.OriginOf("h1", "v"));
        Assert.Equal(new SourceSpan(files.PathOf("hosts.ini"), 4, 1), inventory.OriginOf("h1", "w"));
        Assert.Equal(new SourceSpan(files.PathOf("group_vars/web.yml"), 2, 3), inventory.OriginOf("h1", "x"));
        Assert.Equal(SourceSpan.None, inventory.OriginOf("h1", "nothing"));
    }

    [Fact]
    public void Groups_and_hosts_are_listed_as_Ansible_sees_them()
    {
        using var files = new TempInventory();
        files.Write("hosts.ini", "alone\n[web]\nw2\nw1\n[db]\nd1\n[prod:children]\nweb\ndb\n");

        var inventory = Load(files, "hosts.ini");

        Assert.Equal(["alone", "w2", "w1", "d1"], inventory.HostNames);
        Assert.Equal(["all", "ungrouped", "web", "db", "prod"], inventory.GroupNames);
        Assert.Equal(["prod", "web"], inventory.GroupsOf("w1"));
        Assert.Equal(["ungrouped"], inventory.GroupsOf("alone"));
        Assert.Equal(["w2", "w1", "d1"], inventory.HostsOf("prod"));
        Assert.Equal(["alone", "w2", "w1", "d1"], inventory.HostsOf("all"));
        Assert.True(inventory.ContainsHost("d1"));
        Assert.False(inventory.ContainsHost("prod"));
    }

    [Fact]
    public void A_comma_separated_host_list_is_an_inventory_too()
    {
        var diagnostics = new DiagnosticBag();

        var inventory = InventoryLoader.Load(["web1,web2:2222,"], diagnostics);

        Assert.False(diagnostics.HasErrors);
        Assert.Equal(["web1", "web2"], inventory.HostNames);
        Assert.Equal(2222L, inventory.VariablesOf("web2")["ansible_port"]);
    }
}
